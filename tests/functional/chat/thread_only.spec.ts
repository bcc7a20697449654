import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { threadsSettled } from '#listeners/thread_listener'
import { as, chatOrg, groupRoom, send } from './chat_fixtures.js'

/*
 * Thread-only replies (as Slack's and Mattermost's replies not also sent to
 * the channel): `threadOnly: true` keeps a reply in its thread. The room's
 * history pages, its last message in the room list and its unread counts
 * leave it out; the thread, `?after=` (marked `threadOnly`) and search keep it.
 */

const ids = (body: { data: { id: string }[] }) => body.data.map((message) => message.id)

test.group('Thread-only replies', (group) => {
  group.each.setup(() => resetDatabase())

  test('stay out of the room’s history, last message and unread count, and in the thread', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const root = await send(org, alice, room.id, 'who brings the cake?')
    const shared = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'I do, and everyone should know',
      replyToId: root.id,
    })
    shared.assertStatus(201)
    assert.isFalse(shared.body().data.threadOnly)
    const before = await as(client, alice, org, 'get', '/chat/rooms')
    const sharedAt = before.body().data.find((r: { id: string }) => r.id === room.id).lastMessageAt
    const quiet = await as(client, bob, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'a quiet thread-only answer',
      replyToId: root.id,
      threadOnly: true,
    })
    quiet.assertStatus(201)
    assert.isTrue(quiet.body().data.threadOnly)
    const quietId = quiet.body().data.id
    await threadsSettled()

    const history = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    history.assertStatus(200)
    assert.deepEqual(ids(history.body()), [root.id, shared.body().data.id])
    const older = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages?before=4`)
    assert.notInclude(ids(older.body()), quietId)

    const rooms = await as(client, alice, org, 'get', '/chat/rooms')
    const listed = rooms.body().data.find((r: { id: string }) => r.id === room.id)
    assert.equal(listed.unreadCount, 1, 'the shared reply only')
    assert.equal(listed.lastMessage.id, shared.body().data.id)
    assert.equal(listed.lastMessageAt, sharedAt, 'a thread-only reply does not bump the room')

    const thread = await as(client, alice, org, 'get', `/chat/messages/${root.id}/thread`)
    assert.deepEqual(ids(thread.body()), [shared.body().data.id, quietId])
    assert.isTrue(thread.body().data[1].threadOnly)
    assert.equal(thread.body().data[1].threadRootId, root.id)
    const summary = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    assert.equal(summary.body().data[0].thread.replyCount, 2)

    const changes = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages?after=0`)
    const changed = changes.body().data.find((m: { id: string }) => m.id === quietId)
    assert.isTrue(changed?.threadOnly, '?after= carries it, marked, so open threads stay exact')

    const found = await as(client, alice, org, 'get', '/chat/search?q=quiet')
    assert.deepEqual(
      found.body().data.map((hit: { message: { id: string } }) => hit.message.id),
      [quietId]
    )
    const stored = await db.from('messages').where('id', quietId).firstOrFail()
    assert.isTrue(stored.thread_only)
  })

  test('are replies only, take a real boolean, and count in the retry fingerprint', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const root = await send(org, alice, room.id, 'root')

    const alone = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'not a reply',
      threadOnly: true,
    })
    alone.assertStatus(422)
    assert.deepEqual(alone.body().errors[0], {
      code: 'E_VALIDATION_ERROR',
      message: 'Only a reply (with replyToId) can stay in its thread',
      field: 'threadOnly',
    })
    const loose = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'reply',
      replyToId: root.id,
      threadOnly: 'yes',
    })
    loose.assertStatus(422)
    assert.equal(loose.body().errors[0].field, 'threadOnly')
    assert.lengthOf(await db.from('messages').where('room_id', room.id), 1, 'nothing written')

    const clientMessageId = randomUUID()
    const body = { roomId: room.id, content: 'same words', replyToId: root.id, clientMessageId }
    const first = await as(client, owner, org, 'post', '/chat/messages').json({
      ...body,
      threadOnly: true,
    })
    first.assertStatus(201)
    const retry = await as(client, owner, org, 'post', '/chat/messages').json({
      ...body,
      threadOnly: true,
    })
    retry.assertStatus(200)
    assert.equal(retry.body().data.id, first.body().data.id)
    const other = await as(client, owner, org, 'post', '/chat/messages').json(body)
    other.assertStatus(409)
    assert.equal(other.body().errors[0].code, 'E_IDEMPOTENCY_CONFLICT')
  })
})
