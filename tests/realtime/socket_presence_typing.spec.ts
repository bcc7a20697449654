import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import User from '#models/user'
import presence from '#services/presence_service'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  record,
  request,
  waitUntil,
} from '#tests/helpers/sockets'

async function chat() {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const a = await connectAs({ token: owner.token })
  const b = await connectAs({ token: member.token, organizationId: org.id })
  return { owner, member, org, room, a: a.socket, b: b.socket }
}

test.group('Socket.IO typing', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('typing_start and typing_stop reach the other members, not the typist', async ({
    assert,
  }) => {
    const { room, a, b, owner } = await chat()
    const own = record(a, 'user_typing')
    const typing = nextEvent(b, 'user_typing')

    assert.deepEqual(await request(a, 'typing_start', { roomId: room.id }), {
      ok: true,
      data: { roomId: room.id },
    })
    assert.deepEqual(await typing, { roomId: room.id, userId: owner.user.id })
    const stopped = nextEvent(b, 'user_stopped_typing')
    await request(a, 'typing_stop', { roomId: room.id })
    assert.deepEqual(await stopped, { roomId: room.id, userId: owner.user.id })
    assert.lengthOf(own, 0)
  })

  test('repeated typing_start is throttled per socket', async ({ assert }) => {
    const { room, a, b } = await chat()
    const typing = record(b, 'user_typing')

    for (let i = 0; i < 5; i++) await request(a, 'typing_start', { roomId: room.id })
    const stopped = nextEvent(b, 'user_stopped_typing')
    await request(a, 'typing_stop', { roomId: room.id })
    await stopped

    assert.lengthOf(typing, 1)
  })

  test('a typing state that is not refreshed expires with user_stopped_typing', async ({
    assert,
  }) => {
    const { room, a, b, owner } = await chat()
    const stopped = nextEvent(b, 'user_stopped_typing')

    await request(a, 'typing_start', { roomId: room.id })

    assert.deepEqual(await stopped, { roomId: room.id, userId: owner.user.id })
  })

  test('a vanished typist stops typing as its socket closes', async ({ assert }) => {
    const { room, a, b, owner } = await chat()
    await request(a, 'typing_start', { roomId: room.id })
    const stopped = nextEvent(b, 'user_stopped_typing')

    a.disconnect()

    assert.deepEqual(await stopped, { roomId: room.id, userId: owner.user.id })
  })

  test('typing in a room the socket is not in is E_NOT_FOUND', async ({ assert }) => {
    const { b, org } = await chat()
    const colleague = await createMemberWithToken(org, 'moderator')
    const privateRoom = await groupRoom(org, colleague.user)

    for (const roomId of [privateRoom.id, randomUUID()]) {
      const answer = await request(b, 'typing_start', { roomId })
      assert.equal(!answer.ok && answer.error.code, 'E_NOT_FOUND')
    }
    const invalid = await request(b, 'typing_start', {})
    assert.equal(!invalid.ok && invalid.error.code, 'E_VALIDATION_ERROR')
  })
})

test.group('Socket.IO presence', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('user_online at the first socket, user_offline after the last one and the grace period', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const watcher = await connectAs({ token: owner.token })
    const online = record(watcher.socket, 'user_online')
    const offline = record(watcher.socket, 'user_offline')

    const phone = await connectAs({ token: member.token, organizationId: org.id })
    const laptop = await connectAs({ token: member.token, organizationId: org.id })
    await waitUntil(() => online.some((event) => event.userId === member.user.id))
    phone.socket.disconnect()
    laptop.socket.disconnect()
    await waitUntil(() => offline.length > 0)

    const mine = (events: any[]) => events.filter((event) => event.userId === member.user.id)
    assert.lengthOf(mine(online), 1)
    assert.lengthOf(mine(offline), 1)
    assert.include(mine(offline)[0], { organizationId: org.id, userId: member.user.id })
    const stored = await User.findOrFail(member.user.id)
    assert.isNotNull(stored.lastSeenAt)
    assert.equal(stored.lastSeenAt!.toMillis(), Date.parse(mine(offline)[0].lastSeenAt))
  })

  test('presence is per organization', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const other = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    await createMemberWithToken(other)
    const watcher = await connectAs({ token: member.token, organizationId: org.id })
    const online = record(watcher.socket, 'user_online')

    await connectAs({ token: owner.token, organizationId: other.id })
    const inOrg = await connectAs({ token: owner.token, organizationId: org.id })
    await waitUntil(() => online.some((event) => event.userId === owner.user.id))

    assert.isTrue(await presence.isOnline(other.id, owner.user.id))
    assert.deepEqual(
      online.filter((event) => event.userId === owner.user.id).map((event) => event.organizationId),
      [org.id]
    )
    inOrg.socket.disconnect()
  })
})

test.group('Socket.IO presence grace period', (group) => {
  group.setup(() =>
    attachGateway((config) => ({ ...config, presence: { offlineGraceMs: 60_000 } }))
  )
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('a reconnect within the grace period keeps the user online without user_offline', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const watcher = await connectAs({ token: owner.token })
    const online = record(watcher.socket, 'user_online')
    const offline = record(watcher.socket, 'user_offline')
    const first = await connectAs({ token: member.token, organizationId: org.id })
    await waitUntil(() => online.some((event) => event.userId === member.user.id))

    first.socket.disconnect()
    await waitUntil(() => !first.socket.connected)
    await connectAs({ token: member.token, organizationId: org.id })
    await request(watcher.socket, 'sync', { rooms: {} })

    assert.isTrue(await presence.isOnline(org.id, member.user.id))
    assert.lengthOf(
      online.filter((event) => event.userId === member.user.id),
      1
    )
    assert.lengthOf(offline, 0)
  })
})
