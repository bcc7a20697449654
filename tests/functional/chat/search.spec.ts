import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import type Organization from '#models/organization'
import MessageCipher from '#services/message_cipher'
import KeyRotation from '#services/key_rotation'
import SearchBackfill, { type BackfillProgress } from '#services/search_backfill'
import app from '@adonisjs/core/services/app'
import jobs from '#services/jobs'
import { jobsConnection } from '#providers/jobs_provider'
import { runOperation } from '#admin/operations'
import { eventually } from '../notifications/notification_fixtures.js'
import { resetDatabase } from '#tests/helpers/database'
import type { UserWithToken } from '#tests/helpers/users'
import { as, chatOrg, groupRoom, otherOrg, send } from './chat_fixtures.js'

/*
 * Search on the blind index: results follow membership and tenancy, the
 * database never holds a searchable word in clear, a destroyed room key
 * makes its index useless, and rotation and re-encryption keep it working.
 */

const search = (query: string) => `/chat/search?${query}`

/** Sends a message; its index row is committed with it, so it is there when the send returns. */
async function indexed(org: Organization, who: UserWithToken, roomId: string, content: string) {
  const message = await send(org, who, roomId, content)
  const row = await db.from('message_search').where('message_id', message.id).first()
  if (!row) throw new Error('the send returned before its index row was committed')
  return message
}

/** The whole database as pg_dump prints it (data only). */
function pgDump() {
  const result = spawnSync(
    '/usr/bin/pg_dump',
    [
      '--data-only',
      '-h',
      env.get('DB_HOST', '127.0.0.1'),
      '-p',
      String(env.get('DB_PORT', 5432)),
      '-U',
      env.get('DB_USER', 'postgres'),
      env.get('DB_DATABASE', 'parley_test'),
    ],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: env.get('DB_PASSWORD', '') } }
  )
  if (result.status !== 0) throw new Error(`pg_dump failed: ${result.stderr}`)
  return result.stdout
}

const ids = (body: { data: { message: { id: string } }[] }) =>
  body.data.map((hit) => hit.message.id)

test.group('Search', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token and a word', async ({ client }) => {
    const anonymous = await client.get(search('q=hello'))
    anonymous.assertStatus(401)
    const { org, owner } = await chatOrg()
    for (const query of ['q=', 'q=%20%20', 'q=%21%3F', 'q=a&limit=0', 'q=a&before=yesterday']) {
      const response = await as(client, owner, org, 'get', search(query))
      response.assertStatus(422)
    }
  })

  test('matches whole words and prefixes, ignoring case and diacritics, newest first', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const cafe = await indexed(org, owner, room.id, 'Meet at the Café Noir at noon')
    const later = await indexed(org, alice, room.id, 'the cafe was closed, go to the library')
    await indexed(org, alice, room.id, 'nothing to see')

    const both = await as(client, alice, org, 'get', search('q=CAFE'))
    both.assertStatus(200)
    assert.deepEqual(ids(both.body()), [later.id, cafe.id])
    assert.equal(both.body().data[0].roomId, room.id)
    assert.equal(both.body().data[0].message.content, 'the cafe was closed, go to the library')
    assert.include(both.body().data[1].snippet, 'Café Noir')

    const prefix = await as(client, alice, org, 'get', search('q=libr'))
    assert.deepEqual(ids(prefix.body()), [later.id])
    const tooShort = await as(client, alice, org, 'get', search('q=li'))
    assert.deepEqual(ids(tooShort.body()), [])
    const shortWhole = await as(client, alice, org, 'get', search('q=go'))
    assert.deepEqual(ids(shortWhole.body()), [later.id])
    const allWords = await as(client, alice, org, 'get', search('q=noir%20caf%C3%A9'))
    assert.deepEqual(ids(allWords.body()), [cafe.id])
    const from = await as(client, alice, org, 'get', search(`q=cafe&from=${owner.user.id}`))
    assert.deepEqual(ids(from.body()), [cafe.id])

    const page = await as(client, alice, org, 'get', search('q=cafe&limit=1'))
    assert.isTrue(page.body().meta.hasMore)
    const next = await as(
      client,
      alice,
      org,
      'get',
      search(`q=cafe&limit=1&before=${encodeURIComponent(page.body().meta.before)}`)
    )
    assert.deepEqual(ids(next.body()), [cafe.id])
  })

  test('follows edits and deletes', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const message = await indexed(org, owner, room.id, 'draft about pelicans')
    await as(client, owner, org, 'put', `/chat/messages/${message.id}`).json({
      content: 'final about flamingos',
    })
    // The edit's transaction replaced the row: no waiting.
    const hits = await as(client, owner, org, 'get', search('q=flamingos'))
    assert.deepEqual(ids(hits.body()), [message.id])
    const old = await as(client, owner, org, 'get', search('q=pelicans'))
    assert.deepEqual(ids(old.body()), [])
    await as(client, owner, org, 'delete', `/chat/messages/${message.id}`)
    const gone = await as(client, owner, org, 'get', search('q=flamingos'))
    assert.deepEqual(ids(gone.body()), [])
    assert.lengthOf(await db.from('message_search'), 0)
  })

  test('finds only messages of rooms the caller is in, in the organization asked', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const shared = await groupRoom(org, owner, [alice])
    const secret = await groupRoom(org, owner, [bob], 'secret')
    const visible = await indexed(org, owner, shared.id, 'quarterly numbers')
    await indexed(org, owner, secret.id, 'quarterly secrets')
    const { org: foreign, stranger } = await otherOrg()
    const elsewhere = await groupRoom(foreign, stranger, [])
    await indexed(foreign, stranger, elsewhere.id, 'quarterly foreign')

    const mine = await as(client, alice, org, 'get', search('q=quarterly'))
    assert.deepEqual(ids(mine.body()), [visible.id])
    const theirs = await as(client, stranger, foreign, 'get', search('q=quarterly'))
    assert.lengthOf(theirs.body().data, 1)
    for (const [who, inOrg, roomId] of [
      [alice, org, secret.id],
      [stranger, foreign, shared.id],
      [alice, org, elsewhere.id],
      [alice, org, randomUUID()],
    ] as const) {
      const response = await as(client, who, inOrg, 'get', search(`q=quarterly&roomId=${roomId}`))
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })

  test('says end-to-end encrypted rooms are not searchable', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    await indexed(org, owner, room.id, 'before encryption')
    await db.from('rooms').where('id', room.id).update({ encrypted: true })
    const response = await as(client, owner, org, 'get', search(`q=before&roomId=${room.id}`))
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_ENCRYPTED_ROOM', field: 'roomId' }] })
    const everywhere = await as(client, owner, org, 'get', search('q=before'))
    assert.deepEqual(ids(everywhere.body()), [])
  })

  test('a database dump holds no word of a message, and no shared term across rooms', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const first = await groupRoom(org, owner, [], 'first')
    const second = await groupRoom(org, owner, [], 'second')
    const word = `zebra${randomBytes(5).toString('hex')}`
    const other = `okapi${randomBytes(5).toString('hex')}`
    const a = await indexed(org, owner, first.id, `${word} ${other}`)
    const b = await indexed(org, owner, second.id, `${word} ${other}`)
    const hits = await as(client, owner, org, 'get', search(`q=${word}`))
    assert.sameMembers(ids(hits.body()), [a.id, b.id])

    const dump = pgDump()
    assert.include(dump, 'message_search', 'the dump must contain the index')
    for (const secret of [word, other, word.toUpperCase(), Buffer.from(word).toString('base64')]) {
      assert.notInclude(dump, secret)
    }
    const rows = await db.from('message_search').select('terms')
    assert.lengthOf(rows, 2)
    const [termsA, termsB] = rows.map((row: { terms: string[] }) => new Set(row.terms))
    assert.isTrue(
      [...termsA].every((term) => !termsB.has(term)),
      'rooms share no term'
    )
  })

  test('a destroyed room key makes the index meaningless', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    await indexed(org, owner, room.id, 'shredded pangolin')
    const found = await as(client, owner, org, 'get', search('q=pangolin'))
    assert.lengthOf(found.body().data, 1)

    const keys = await db
      .from('room_keys')
      .where('room_id', room.id)
      .update({ wrapped_key: null }, ['id'])
    MessageCipher.forget(keys.map((key: { id: string }) => key.id))
    const after = await as(client, owner, org, 'get', search('q=pangolin'))
    after.assertStatus(200)
    assert.deepEqual(ids(after.body()), [])
    assert.lengthOf(await db.from('message_search'), 1, 'the rows stay, but nothing can match them')
  })

  test('a deleted room or organization takes its index rows along, and only its own', async ({
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const gone = await groupRoom(org, owner, [])
    const kept = await groupRoom(org, owner, [])
    await indexed(org, owner, gone.id, 'vanishing okapi')
    await indexed(org, owner, kept.id, 'staying okapi')
    const other = await otherOrg()
    const elsewhere = await groupRoom(other.org, other.stranger, [])
    await indexed(other.org, other.stranger, elsewhere.id, 'foreign okapi')
    const roomsIndexed = async () => {
      const rows = await db.from('message_search').select('room_id')
      return rows.map((row) => row.room_id as string)
    }

    await db.from('rooms').where('id', gone.id).delete()
    assert.sameMembers(await roomsIndexed(), [kept.id, elsewhere.id])

    const local = { principal: { user: null, mode: 'local' as const } }
    await runOperation('org:delete', { org: org.slug }, local)
    assert.sameMembers(await roomsIndexed(), [elsewhere.id])
  })

  test('rotation and re-encryption keep the index valid', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const message = await indexed(org, owner, room.id, 'rotating axolotl')
    const oldKey = await db.from('room_keys').where('room_id', room.id).firstOrFail()

    await KeyRotation.rewrap()
    const rewrapped = await as(client, owner, org, 'get', search('q=axolotl'))
    assert.deepEqual(ids(rewrapped.body()), [message.id])

    await KeyRotation.reencrypt()
    const row = await db.from('message_search').where('message_id', message.id).firstOrFail()
    assert.notEqual(row.key_id, oldKey.id)
    const destroyed = await db.from('room_keys').where('id', oldKey.id).firstOrFail()
    assert.isNull(destroyed.wrapped_key)
    const reencrypted = await as(client, owner, org, 'get', search('q=axol'))
    assert.deepEqual(ids(reencrypted.body()), [message.id])
  })
})

test.group('Search backfill', (group) => {
  group.each.setup(() => resetDatabase())

  test('indexes messages the index lacks, in resumable batches with progress', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const sent = []
    for (const word of ['walrus one', 'walrus two', 'walrus three', 'walrus four', 'walrus five']) {
      sent.push(await send(org, owner, room.id, word))
    }
    const gone = await send(org, owner, room.id, 'walrus deleted')
    await as(client, owner, org, 'delete', `/chat/messages/${gone.id}`)
    // Messages sent before the index existed: no rows.
    await db.from('message_search').delete()
    const before = await as(client, owner, org, 'get', search('q=walrus'))
    assert.deepEqual(ids(before.body()), [])
    assert.equal(await SearchBackfill.pending(), 5)

    const aborter = new AbortController()
    const progress: BackfillProgress[] = []
    const first = await SearchBackfill.run({
      batchSize: 2,
      signal: aborter.signal,
      onProgress: (step) => {
        progress.push(step)
        if (step.done >= 2) aborter.abort()
      },
    })
    assert.deepEqual(first, { indexed: 2, total: 5, remaining: 3, aborted: true })
    assert.deepEqual(progress, [
      { phase: 'index', done: 0, total: 5 },
      { phase: 'index', done: 2, total: 5 },
    ])

    const second = await SearchBackfill.run({ batchSize: 2 })
    assert.deepEqual(second, { indexed: 3, total: 3, remaining: 0, aborted: false })
    const after = await as(client, owner, org, 'get', search('q=walrus&limit=10'))
    assert.sameMembers(
      ids(after.body()),
      sent.map((message) => message.id)
    )
    assert.lengthOf(await db.from('message_search'), 5, 'the deleted message gets no row')
    const again = await SearchBackfill.run()
    assert.deepEqual(again, { indexed: 0, total: 0, remaining: 0, aborted: false })
  })

  test('leaves rows written by sends and edits alone, and skips destroyed keys', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const shredded = await groupRoom(org, owner, [])
    const kept = await send(org, owner, room.id, 'original heron')
    await as(client, owner, org, 'put', `/chat/messages/${kept.id}`).json({
      content: 'edited heron',
    })
    const lost = await send(org, owner, shredded.id, 'shredded heron')
    await db.from('message_search').where('message_id', lost.id).delete()
    const keys = await db
      .from('room_keys')
      .where('room_id', shredded.id)
      .update({ wrapped_key: null }, ['id'])
    MessageCipher.forget(keys.map((key: { id: string }) => key.id))
    const row = await db.from('message_search').where('message_id', kept.id).firstOrFail()

    const result = await SearchBackfill.run()

    assert.deepEqual(result, { indexed: 0, total: 0, remaining: 0, aborted: false })
    const same = await db.from('message_search').where('message_id', kept.id).firstOrFail()
    assert.deepEqual(same.terms, row.terms)
    assert.isNull(await db.from('message_search').where('message_id', lost.id).first())
  })

  test('queued with background, is run by the server’s job workers', async ({
    client,
    assert,
    cleanup,
  }) => {
    await jobs.start(await jobsConnection(app))
    cleanup(() => jobs.stop())
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const sent = [
      await send(org, owner, room.id, 'queued lemur'),
      await send(org, owner, room.id, 'another queued lemur'),
    ]
    await db.from('message_search').delete()

    const queued = await runOperation(
      'search:backfill',
      { background: true, batchSize: 1 },
      { principal: { user: null, mode: 'local' } }
    )

    assert.deepEqual(queued, { indexed: 0, total: 2, remaining: 2, aborted: false, queued: true })
    await eventually(async () => (await SearchBackfill.pending()) === 0)
    const found = await as(client, owner, org, 'get', search('q=lemur'))
    assert.sameMembers(
      ids(found.body()),
      sent.map((message) => message.id)
    )
  })
})
