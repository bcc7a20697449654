import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import AddLinkPreview from '#actions/messages/add_link_preview'
import ExtraKindsMigration from '#database/migrations/17640027000001_messages_note_their_extra_kinds'
import { forgetRecentReads } from '#domain/messages/message_pages'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import { as, chatOrg, groupRoom } from './chat_fixtures.js'
import { eventually } from '../notifications/notification_fixtures.js'

/*
 * A history page looks a message up in the mentions, reactions, pins,
 * thread and preview tables only when its `extra_kinds` bit says it may
 * have rows there (app/domain/messages/message_extras.ts). So every writer
 * must set its bit, in its own transaction, and the migration that added
 * the column must set them for rows stored before it.
 */

/** A room where every kind of extra is added through its real door. */
async function scene(client: ApiClient) {
  const { org, owner, alice, bob } = await chatOrg()
  const room = await groupRoom(org, owner, [alice, bob])
  const post = async (content: string, extra: Record<string, unknown> = {}) => {
    const response = await expectStatus(
      as(client, owner, org, 'post', '/chat/messages').json({ roomId: room.id, content, ...extra }),
      201
    )
    return response.body().data.id as string
  }
  const mentioned = await post(`hello @${alice.user.username}`)
  const edited = await post('no one yet')
  await expectStatus(
    as(client, owner, org, 'put', `/chat/messages/${edited}`).json({
      content: `now @${bob.user.username}`,
    }),
    200
  )
  const busy = await post('react, pin, reply and preview this one')
  await expectStatus(
    as(client, alice, org, 'post', `/chat/messages/${busy}/reactions`).json({ emoji: '👍' }),
    200
  )
  await expectStatus(as(client, owner, org, 'put', `/chat/messages/${busy}/pin`), 200)
  const reply = await post('a reply', { replyToId: busy })
  const preview = {
    url: 'https://example.com/',
    title: 'Example',
    description: null,
    imageUrl: null,
    siteName: null,
  }
  if (!(await AddLinkPreview.handle(busy, preview))) throw new Error('no preview attached')
  const page = async () => {
    const response = await expectStatus(
      as(client, bob, org, 'get', `/chat/rooms/${room.id}/messages`),
      200
    )
    return new Map<string, any>(response.body().data.map((m: { id: string }) => [m.id, m]))
  }
  await eventually(async () => {
    const shown = await page()
    return shown.get(busy)?.thread?.replyCount === 1
  })
  return { ids: { mentioned, edited, busy, reply }, page }
}

async function kindsOf(id: string) {
  const row = await db.from('messages').where('id', id).select('extra_kinds').first()
  return Number(row.extra_kinds)
}

test.group('Message extra kinds', (group) => {
  group.each.setup(() => resetDatabase())

  test('every writer sets the bit of the kind it adds, and the page shows each', async ({
    client,
    assert,
  }) => {
    const { ids, page } = await scene(client)
    assert.equal(await kindsOf(ids.mentioned), 1, 'a send with a mention')
    assert.equal(await kindsOf(ids.edited), 1, 'an edit that adds a mention')
    assert.equal(await kindsOf(ids.busy), 2 | 4 | 8 | 16, 'reaction, pin, thread, preview')
    assert.equal(await kindsOf(ids.reply), 0, 'a reply is found by its reply_to_id')
    const shown = await page()
    assert.lengthOf(shown.get(ids.mentioned).mentions, 1)
    assert.lengthOf(shown.get(ids.edited).mentions, 1)
    const busy = shown.get(ids.busy)
    assert.deepEqual(busy.reactions, [{ emoji: '👍', count: 1, me: false }])
    assert.isNotNull(busy.pin)
    assert.equal(busy.thread.replyCount, 1)
    assert.equal(busy.preview.url, 'https://example.com/')
    assert.equal(shown.get(ids.reply).threadRootId, ids.busy)
  })

  test('the page reads extras only where the bit is set, and the migration sets the bits of stored rows', async ({
    client,
    assert,
  }) => {
    const { ids, page } = await scene(client)
    const before = await page()
    // Bits alone change nothing a page shows: read afresh, not the page answered before.
    await db.from('messages').update({ extra_kinds: 0 })
    forgetRecentReads()
    const blind = await page()
    const busy = blind.get(ids.busy)
    assert.isEmpty(busy.reactions)
    assert.isNull(busy.pin)
    assert.isNull(busy.thread)
    assert.isNull(busy.preview)
    assert.isEmpty(blind.get(ids.mentioned).mentions)
    await new ExtraKindsMigration(db.connection(), 'extra_kinds', false).execUp()
    forgetRecentReads()
    assert.deepEqual(await page(), before)
    assert.equal(await kindsOf(ids.busy), 2 | 4 | 8 | 16)
  })
})
