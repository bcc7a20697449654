import { test } from '@japa/runner'
import pg from 'pg'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { actorFor } from '#services/org_context'
import AddReaction from '#actions/reactions/add_reaction'
import { MAX_DISTINCT_REACTIONS } from '#validators/conversations'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom, otherOrg, send } from './chat_fixtures.js'
import { webhooksSettled } from '#listeners/webhook_listener'

const react = (messageId: string) => `/chat/messages/${messageId}/reactions`
const unreact = (messageId: string, emoji: string) =>
  `/chat/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`

/** Counts the SQL statements sent while `work` runs (every pool client is a pg.Client). */
async function countStatements(work: () => Promise<unknown>) {
  const original = pg.Client.prototype.query
  let count = 0
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof original
  try {
    await work()
  } finally {
    pg.Client.prototype.query = original
  }
  return count
}

/**
 * Webhook deliveries are queued after commit, off the request path, by a
 * listener the emitter reaches a few microtasks after the action returns:
 * let it start, then finish, so the count is the page's alone.
 */
async function backgroundSettled() {
  await new Promise((resolve) => setImmediate(resolve))
  await webhooksSettled()
}

test.group('Reactions', (group) => {
  group.each.setup(() => resetDatabase())

  test('require a token', async ({ client }) => {
    const response = await client.post(react(randomUUID())).json({ emoji: '👍' })
    response.assertStatus(401)
  })

  test('take exactly one Unicode emoji', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const message = await send(org, owner, room.id, 'hi')
    for (const emoji of ['abc', '👍👍', ':+1:', 5, '', ['👍']]) {
      const response = await as(client, owner, org, 'post', react(message.id)).json({ emoji })
      response.assertStatus(422)
      response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'emoji' }] })
    }
    const wrong = await as(client, owner, org, 'post', react(message.id)).json({ emoji: 'abc' })
    wrong.assertBody({
      errors: [
        {
          code: 'E_VALIDATION_ERROR',
          message: 'The emoji field must be a single Unicode emoji',
          field: 'emoji',
        },
      ],
    })
  })

  test('are counted per emoji, with the reader’s own marked, and restamp the message', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const message = await send(org, owner, room.id, 'ship it?')

    const first = await as(client, alice, org, 'post', react(message.id)).json({ emoji: '👍' })
    first.assertStatus(200)
    assert.deepEqual(first.body().data.reactions, [{ emoji: '👍', count: 1, me: true }])
    assert.isAbove(first.body().data.versionSeq, message.versionSeq)
    await as(client, bob, org, 'post', react(message.id)).json({ emoji: '👍' })
    // A text-default heart and the emoji-presented one are the same reaction.
    await as(client, bob, org, 'post', react(message.id)).json({ emoji: '❤' })
    const heart = await as(client, owner, org, 'post', react(message.id)).json({ emoji: '❤️' })
    assert.deepEqual(heart.body().data.reactions, [
      { emoji: '👍', count: 2, me: false },
      { emoji: '❤️', count: 2, me: true },
    ])

    const page = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    assert.deepEqual(page.body().data[0].reactions, [
      { emoji: '👍', count: 2, me: true },
      { emoji: '❤️', count: 2, me: false },
    ])
    const changes = await as(
      client,
      alice,
      org,
      'get',
      `/chat/rooms/${room.id}/messages?after=${first.body().data.versionSeq}`
    )
    assert.lengthOf(changes.body().data, 1)
    assert.equal(changes.body().data[0].id, message.id)
    assert.equal(changes.body().data[0].versionSeq, heart.body().data.versionSeq)
  })

  test('are idempotent, and removing one restamps the message only if it was there', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, owner, room.id, 'hi')
    const once = await as(client, alice, org, 'post', react(message.id)).json({ emoji: '🎉' })
    const twice = await as(client, alice, org, 'post', react(message.id)).json({ emoji: '🎉' })
    assert.equal(twice.body().data.versionSeq, once.body().data.versionSeq)
    assert.deepEqual(twice.body().data.reactions, [{ emoji: '🎉', count: 1, me: true }])

    const removed = await as(client, alice, org, 'delete', unreact(message.id, '🎉'))
    removed.assertStatus(200)
    assert.deepEqual(removed.body().data.reactions, [])
    assert.isAbove(removed.body().data.versionSeq, once.body().data.versionSeq)
    const again = await as(client, alice, org, 'delete', unreact(message.id, '🎉'))
    assert.equal(again.body().data.versionSeq, removed.body().data.versionSeq)
    const bad = await as(client, alice, org, 'delete', unreact(message.id, 'nope'))
    bad.assertStatus(422)
  })

  test(`hold at most ${MAX_DISTINCT_REACTIONS} distinct emoji per message`, async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, owner, room.id, 'hi')
    const actor = await actorFor(owner.user, org.id)
    const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗🤩']
    for (const one of emoji.slice(0, MAX_DISTINCT_REACTIONS)) {
      await AddReaction.handle(actor, message.id, { emoji: one })
    }
    const over = await as(client, alice, org, 'post', react(message.id)).json({
      emoji: emoji[MAX_DISTINCT_REACTIONS],
    })
    over.assertStatus(409)
    over.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REACTIONS' }] })
    // An emoji already on the message can still be added by someone else.
    const same = await as(client, alice, org, 'post', react(message.id)).json({ emoji: '😀' })
    same.assertStatus(200)
    assert.lengthOf(same.body().data.reactions, MAX_DISTINCT_REACTIONS)
  })

  test('are refused on deleted messages, and go with them', async ({ client, assert }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, owner, room.id, 'hi')
    await as(client, alice, org, 'post', react(message.id)).json({ emoji: '👍' })
    const deleted = await as(client, owner, org, 'delete', `/chat/messages/${message.id}`)
    deleted.assertStatus(204)
    const response = await as(client, alice, org, 'post', react(message.id)).json({ emoji: '👍' })
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_MESSAGE_DELETED' }] })
    assert.lengthOf(await db.from('message_reactions'), 0)
  })

  test('answer 404 to non-members and other organizations', async ({ client }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, owner, room.id, 'hi')
    const { org: foreign, stranger } = await otherOrg()
    const requests = [
      as(client, bob, org, 'post', react(message.id)).json({ emoji: '👍' }),
      as(client, bob, org, 'delete', unreact(message.id, '👍')),
      as(client, stranger, foreign, 'post', react(message.id)).json({ emoji: '👍' }),
      as(client, stranger, foreign, 'delete', unreact(message.id, '👍')),
    ]
    for (const request of requests) {
      const response = await request
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })

  test('add no query per message to a history page', async ({ client, assert }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const reactAll = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const message = await send(org, owner, room.id, `m${i}`)
        for (const who of [alice, bob]) {
          await AddReaction.handle(await actorFor(who.user, org.id), message.id, { emoji: '👍' })
        }
      }
    }
    const page = () => as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages?limit=100`)
    await reactAll(1)
    await backgroundSettled()
    await page()
    const one = await countStatements(() => page())
    await reactAll(40)
    await backgroundSettled()
    const many = await countStatements(async () => {
      const response = await page()
      assert.lengthOf(response.body().data, 41)
      assert.deepEqual(response.body().data[40].reactions, [{ emoji: '👍', count: 2, me: true }])
    })
    assert.equal(many, one)
  })
})
