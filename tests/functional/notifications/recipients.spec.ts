import { test } from '@japa/runner'
import emitter from '@adonisjs/core/services/emitter'
import type { NotificationCreated } from '#events/notification_events'
import DeleteOldNotifications from '#actions/notifications/delete_old_notifications'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom, otherOrg, send } from '../chat/chat_fixtures.js'
import { age, notificationFor, notificationsOf, online } from './notification_fixtures.js'

/*
 * Who is notified of a message. "Online" is the real presence service
 * (PresenceService.connect with a fake socket id), as the gateway records it.
 */
test.group('Notifications of new messages', (group) => {
  group.each.setup(() => resetDatabase())

  test('notify offline members only, never the sender', async ({ assert, cleanup }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    cleanup(await online(org, alice))
    const message = await send(org, owner, room.id, 'hello')
    const bobs = await notificationFor(bob, message.id)
    assert.equal(bobs.type, 'message')
    assert.lengthOf(await notificationsOf(alice), 0)
    assert.lengthOf(await notificationsOf(owner), 0)
  })

  test('a member online in another organization is offline in this one', async ({
    assert,
    cleanup,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const { org: elsewhere } = await otherOrg()
    const room = await groupRoom(org, owner, [alice])
    cleanup(await online(elsewhere, alice))
    const message = await send(org, owner, room.id, 'hello')
    const notification = await notificationFor(alice, message.id)
    assert.equal(notification.type, 'message')
  })

  test('a mention notifies the member even when online', async ({ assert, cleanup }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    cleanup(await online(org, alice))
    const message = await send(org, owner, room.id, `hi @${alice.user.username}`)
    const mention = await notificationFor(alice, message.id)
    assert.equal(mention.type, 'mention')
    assert.deepEqual(mention.data, { seq: 1, mentionKind: 'user' })
    const bobs = await notificationFor(bob, message.id)
    assert.equal(bobs.type, 'message')
  })

  test('@here mentions the members online now; offline ones get their usual notification', async ({
    assert,
    cleanup,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    cleanup(await online(org, alice))
    const message = await send(org, owner, room.id, '@here standup in 5')
    await message.load('mentions')
    assert.deepEqual(
      message.mentions.map((m) => [m.userId, m.kind]),
      [[alice.user.id, 'here']]
    )
    const alices = await notificationFor(alice, message.id)
    assert.equal(alices.type, 'mention')
    assert.deepEqual(alices.data, { seq: 1, mentionKind: 'here' })
    const bobs = await notificationFor(bob, message.id)
    assert.equal(bobs.type, 'message')
  })

  test('@all and @channel mention every member, online or not', async ({ assert, cleanup }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    cleanup(await online(org, alice))
    for (const word of ['@all', '@channel']) {
      const message = await send(org, owner, room.id, `${word} release is out`)
      for (const who of [alice, bob]) {
        const notification = await notificationFor(who, message.id)
        assert.equal(notification.type, 'mention', `${word} for ${who.user.username}`)
        assert.equal(notification.data.mentionKind, 'all')
      }
    }
  })

  test('a muted room notifies of direct mentions only', async ({ client, assert }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const muted = await as(client, alice, org, 'put', `/chat/rooms/${room.id}/mute`).json({
      muted: true,
    })
    muted.assertStatus(200)
    const plain = await send(org, owner, room.id, 'nothing for alice')
    await notificationFor(bob, plain.id)
    const all = await send(org, owner, room.id, '@all still nothing for alice')
    await notificationFor(bob, all.id)
    assert.lengthOf(await notificationsOf(alice), 0)
    const direct = await send(org, owner, room.id, `@${alice.user.username} look`)
    const mention = await notificationFor(alice, direct.id)
    assert.equal(mention.type, 'mention')
  })

  test('announces each notification with notification:created after insert', async ({
    assert,
    cleanup,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const seen: NotificationCreated[] = []
    const listener = (event: NotificationCreated) => seen.push(event)
    emitter.on('notification:created', listener)
    cleanup(() => emitter.off('notification:created', listener))
    const message = await send(org, owner, room.id, 'hello')
    const row = await notificationFor(alice, message.id)
    assert.lengthOf(seen, 1)
    assert.equal(seen[0].userId, alice.user.id)
    assert.equal(seen[0].organizationId, org.id)
    assert.equal(seen[0].notification.id, row.id)
    assert.equal(seen[0].notification.messageId, message.id)
  })

  test('the retention cleanup deletes old notifications only', async ({ assert }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const old = await send(org, owner, room.id, 'old')
    const recent = await send(org, owner, room.id, 'recent')
    const oldRow = await notificationFor(alice, old.id)
    await notificationFor(alice, recent.id)
    await age(oldRow.id, 91)
    assert.equal(await DeleteOldNotifications.handle({ retentionDays: 90, batchSize: 1 }), 1)
    const left = await notificationsOf(alice)
    assert.deepEqual(
      left.map((n) => n.messageId),
      [recent.id]
    )
  })
})

test.group('PUT /chat/rooms/:roomId/mute', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client
      .put(`/chat/rooms/${crypto.randomUUID()}/mute`)
      .json({ muted: true })
    response.assertStatus(401)
  })

  test('rejects a missing or non-boolean muted', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    for (const body of [{}, { muted: 'yes' }, { muted: 1 }, { muted: [true] }]) {
      const response = await as(client, owner, org, 'put', `/chat/rooms/${room.id}/mute`).json(body)
      response.assertStatus(422)
      response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'muted' }] })
    }
  })

  test('mutes and unmutes the room for the caller only', async ({ client, assert }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const response = await as(client, alice, org, 'put', `/chat/rooms/${room.id}/mute`).json({
      muted: true,
    })
    response.assertStatus(200)
    response.assertBody({ data: { roomId: room.id, muted: true } })
    const mine = await as(client, alice, org, 'get', `/chat/rooms/${room.id}`)
    assert.isTrue(mine.body().data.muted)
    const theirs = await as(client, owner, org, 'get', `/chat/rooms/${room.id}`)
    assert.isFalse(theirs.body().data.muted)
    await as(client, alice, org, 'put', `/chat/rooms/${room.id}/mute`).json({ muted: false })
    const after = await as(client, alice, org, 'get', `/chat/rooms/${room.id}`)
    assert.isFalse(after.body().data.muted)
  })

  test('answers 404 for a room of another organization or one the caller is not in', async ({
    client,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const outsider = await as(client, bob, org, 'put', `/chat/rooms/${room.id}/mute`).json({
      muted: true,
    })
    outsider.assertStatus(404)
    outsider.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    const { org: foreign, stranger } = await otherOrg()
    for (const id of [room.id, 'not-a-uuid']) {
      const response = await as(client, stranger, foreign, 'put', `/chat/rooms/${id}/mute`).json({
        muted: true,
      })
      response.assertStatus(404)
    }
  })
})
