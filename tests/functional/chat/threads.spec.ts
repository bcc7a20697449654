import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import type Organization from '#models/organization'
import { actorFor } from '#services/org_context'
import SendMessage from '#actions/messages/send_message'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import type { UserWithToken } from '#tests/helpers/users'
import { as, chatOrg, groupRoom, otherOrg, send } from './chat_fixtures.js'
import {
  eventually,
  notificationFor,
  notificationsOf,
} from '../notifications/notification_fixtures.js'

const thread = (messageId: string) => `/chat/messages/${messageId}/thread`

/**
 * Sends a reply through the action and waits until the listener filed it
 * under its thread (listeners run after the send returns).
 */
async function reply(org: Organization, who: UserWithToken, roomId: string, to: string) {
  const actor = await actorFor(who.user, org.id)
  const { message } = await SendMessage.handle(actor, {
    roomId,
    content: `reply by ${who.user.username}`,
    replyToId: to,
  })
  await eventually(() => db.from('thread_replies').where('message_id', message.id).first())
  return message
}

test.group('Threads', (group) => {
  group.each.setup(() => resetDatabase())

  test('require a token', async ({ client }) => {
    const response = await client.get(thread(randomUUID()))
    response.assertStatus(401)
  })

  test('gather a reply chain under its root, flat, with a summary on the root', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const root = await send(org, alice, room.id, 'lunch?')
    const first = await reply(org, bob, room.id, root.id)
    const second = await reply(org, owner, room.id, first.id)

    for (const id of [root.id, second.id]) {
      const response = await as(client, alice, org, 'get', thread(id))
      response.assertStatus(200)
      assert.deepEqual(
        response.body().data.map((m: { id: string }) => m.id),
        [first.id, second.id]
      )
      assert.equal(response.body().meta.rootId, root.id)
      assert.equal(response.body().data[1].threadRootId, root.id)
      assert.equal(response.body().data[1].content, 'reply by ' + owner.user.username)
    }

    const history = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    const [top, ...replies] = history.body().data
    assert.equal(top.id, root.id)
    assert.equal(top.thread.replyCount, 2)
    assert.sameMembers(top.thread.participantIds, [bob.user.id, owner.user.id])
    assert.isString(top.thread.lastReplyAt)
    // Replies also stay in the room's history.
    assert.deepEqual(
      replies.map((m: { id: string }) => m.id),
      [first.id, second.id]
    )

    const changes = await as(
      client,
      alice,
      org,
      'get',
      `/chat/rooms/${room.id}/messages?after=${second.versionSeq}`
    )
    assert.deepEqual(
      changes.body().data.map((m: { id: string }) => m.id),
      [root.id]
    )
    assert.equal(changes.body().data[0].thread.replyCount, 2)
  })

  test('page replies with before', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const root = await send(org, owner, room.id, 'root')
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const message = await reply(org, owner, room.id, root.id)
      ids.push(message.id)
    }
    const latest = await as(client, owner, org, 'get', `${thread(root.id)}?limit=2`)
    assert.deepEqual(
      latest.body().data.map((m: { id: string }) => m.id),
      ids.slice(3)
    )
    assert.isTrue(latest.body().meta.hasMore)
    const older = await as(
      client,
      owner,
      org,
      'get',
      `${thread(root.id)}?limit=10&before=${latest.body().meta.cursor}`
    )
    assert.deepEqual(
      older.body().data.map((m: { id: string }) => m.id),
      ids.slice(0, 3)
    )
    assert.isFalse(older.body().meta.hasMore)
    const bad = await as(client, owner, org, 'get', `${thread(root.id)}?limit=0`)
    bad.assertStatus(422)
  })

  test('notify their followers only: the root’s author, repliers and who followed', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [moderator, alice, bob])
    const root = await send(org, alice, room.id, 'question')
    const first = await reply(org, bob, room.id, root.id)
    const alices = await notificationFor(alice, first.id)
    assert.equal(alices.type, 'thread')
    // One insert writes every recipient of a message: nobody else was notified.
    // The moderator is offline and in the room, but does not follow the thread.
    assert.lengthOf(await notificationsOf(moderator, first.id), 0)
    assert.lengthOf(await notificationsOf(owner, first.id), 0)

    const unfollow = await as(client, alice, org, 'put', `${thread(root.id)}/follow`).json({
      following: false,
    })
    unfollow.assertBody({ data: { rootId: root.id, following: false } })
    const follow = await as(client, moderator, org, 'put', `${thread(first.id)}/follow`).json({
      following: true,
    })
    follow.assertStatus(200)
    const second = await reply(org, owner, room.id, root.id)
    const moderators = await notificationFor(moderator, second.id)
    const bobs = await notificationFor(bob, second.id)
    assert.deepEqual([moderators.type, bobs.type], ['thread', 'thread'])
    assert.lengthOf(await notificationsOf(alice, second.id), 0)

    const page = await as(client, alice, org, 'get', thread(root.id))
    assert.isFalse(page.body().meta.following)
    const bad = await as(client, alice, org, 'put', `${thread(root.id)}/follow`).json({
      following: 'yes',
    })
    bad.assertStatus(422)
  })

  test('keep an unread count per member, moved by a monotonic read pointer', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const root = await send(org, alice, room.id, 'root')
    const first = await reply(org, owner, room.id, root.id)
    const second = await reply(org, owner, room.id, root.id)
    await reply(org, alice, room.id, root.id)
    const before = await as(client, alice, org, 'get', thread(root.id))
    assert.equal(before.body().meta.unreadCount, 2)
    assert.isTrue(before.body().meta.following)

    const read = await as(client, alice, org, 'post', `${thread(root.id)}/read`).json({
      seq: first.seq,
    })
    read.assertBody({ data: { rootId: root.id, lastReadSeq: first.seq } })
    const back = await as(client, alice, org, 'post', `${thread(root.id)}/read`).json({ seq: 1 })
    assert.equal(back.body().data.lastReadSeq, first.seq)
    await as(client, alice, org, 'post', `${thread(root.id)}/read`).json({ seq: second.seq })
    const after = await as(client, alice, org, 'get', thread(root.id))
    assert.equal(after.body().meta.unreadCount, 0)
    assert.equal(after.body().meta.lastReadSeq, second.seq)
  })

  test('answer 404 to non-members and other organizations', async ({ client }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const root = await send(org, owner, room.id, 'hi')
    const { org: foreign, stranger } = await otherOrg()
    const requests = [
      as(client, bob, org, 'get', thread(root.id)),
      as(client, bob, org, 'put', `${thread(root.id)}/follow`).json({ following: true }),
      as(client, bob, org, 'post', `${thread(root.id)}/read`).json({ seq: 1 }),
      as(client, stranger, foreign, 'get', thread(root.id)),
      as(client, stranger, foreign, 'put', `${thread(root.id)}/follow`).json({ following: true }),
    ]
    for (const request of requests) {
      const response = await request
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })
})
