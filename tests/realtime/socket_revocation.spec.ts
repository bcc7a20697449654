import { test } from '@japa/runner'
import gateway from '#realtime/gateway'
import { actorFor } from '#services/org_context'
import RemoveRoomMember from '#actions/rooms/remove_room_member'
import { resetDatabase } from '#tests/helpers/database'
import User from '#models/user'
import type { MessageObject } from '#transformers/message_transformer'
import type { AckResponse, SyncResult } from '#realtime/socket_events'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  record,
  refusedConnection,
  request,
  succeeds,
  type ClientSocket,
} from '#tests/helpers/sockets'

test.group('Socket.IO revocation', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('logout disconnects the sockets of that token only', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    await createOrgWith(owner.user)
    const second = await User.accessTokens.create(owner.user, ['*'], { name: 'second' })
    const loggedOut = await connectAs({ token: owner.token })
    const other = await connectAs({ token: second.value!.release() })
    const gone = nextEvent<string>(loggedOut.socket, 'disconnect')

    const response = await client.post('/auth/logout').bearerToken(owner.token)

    response.assertStatus(204)
    assert.equal(await gone, 'io server disconnect')
    assert.isTrue(await succeeds(other.socket, 'sync', { rooms: {} }))
    const error = await refusedConnection({ token: owner.token })
    assert.equal(error.message, 'E_UNAUTHORIZED')
  })

  test('a member removed from a room receives nothing more from it', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const stillShared = await groupRoom(org, owner.user, [member.user])
    const a = await connectAs({ token: owner.token })
    const b = await connectAs({ token: member.token, organizationId: org.id })
    const seen = record(b.socket, 'new_message')
    const removed = nextEvent(b.socket, 'room_member_removed')
    const ownerSaw = nextEvent(a.socket, 'room_member_removed')

    const response = await client
      .delete(`/chat/rooms/${room.id}/members/${member.user.id}`)
      .bearerToken(owner.token)
      .header('x-organization-id', org.id)

    response.assertStatus(204)
    const payload = { organizationId: org.id, roomId: room.id, userId: member.user.id }
    assert.deepEqual(await removed, payload)
    assert.deepEqual(await ownerSaw, payload)
    await request(a.socket, 'send_message', { roomId: room.id, content: 'after removal' })
    await request(a.socket, 'typing_start', { roomId: room.id })
    const marker = nextEvent(b.socket, 'new_message')
    await request(a.socket, 'send_message', { roomId: stillShared.id, content: 'marker' })
    await marker
    assert.deepEqual(
      seen.map((message) => message.content),
      ['marker']
    )
    const rejoin = await request(b.socket, 'join_room', { roomId: room.id })
    assert.equal(!rejoin.ok && rejoin.error.code, 'E_NOT_FOUND')
    const typing = await request(b.socket, 'typing_start', { roomId: room.id })
    assert.equal(!typing.ok && typing.error.code, 'E_NOT_FOUND')
  })

  test('removal from the organization disconnects the sockets in it, not elsewhere', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const ownOrg = await createOrgWith(member.user)
    const inOrg = await connectAs({ token: member.token, organizationId: org.id })
    const elsewhere = await connectAs({ token: member.token, organizationId: ownOrg.id })
    const gone = nextEvent<string>(inOrg.socket, 'disconnect')

    const response = await client
      .delete(`/organizations/${org.id}/members/${member.user.id}`)
      .bearerToken(owner.token)

    response.assertStatus(204)
    assert.equal(await gone, 'io server disconnect')
    assert.isTrue(elsewhere.socket.connected)
    assert.isTrue(await succeeds(elsewhere.socket, 'sync', { rooms: {} }))
    const error = await refusedConnection({ token: member.token, organizationId: org.id })
    assert.equal(error.message, 'E_NOT_FOUND')
  })

  test('a token revoked while disconnected is refused at the reconnect', async ({ assert }) => {
    const owner = await createUserWithToken()
    await createOrgWith(owner.user)
    const a = await connectAs({ token: owner.token })
    assert.equal(await dropConnection(a.socket), 'transport close')
    const [token] = await User.accessTokens.all(owner.user)
    await User.accessTokens.delete(owner.user, token.identifier)

    const refused = nextEvent<Error>(a.socket, 'connect_error')
    a.socket.connect()

    const error = await refused
    assert.equal(error.message, 'E_UNAUTHORIZED')
    assert.notOk(a.socket.recovered)
  })
})

/** Drops a client's connection from the server side, as a network failure would. */
function dropConnection(socket: ClientSocket) {
  const gone = nextEvent<string>(socket, 'disconnect')
  gateway.io!.sockets.sockets.get(socket.id!)!.conn.close()
  return gone
}

/** Reconnects a dropped client (a fresh handshake) and waits for `connected`. */
async function reconnect(socket: ClientSocket) {
  const connected = nextEvent(socket, 'connected')
  socket.connect()
  await connected
}

/** The messages of one room in a `sync` answer (fails the test when the room has none). */
function syncedMessages(answer: AckResponse<SyncResult>, roomId: string): MessageObject[] {
  if (!answer.ok) throw new Error(`sync failed: ${answer.error.code}`)
  const room = answer.data.rooms[roomId]
  if (!room.ok) throw new Error(`sync of ${roomId} failed: ${room.error.code}`)
  return room.data.messages
}

test.group('Reconnection and sync', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('a client that reconnects gets every missed message exactly once through sync', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const a = await connectAs({ token: owner.token })
    const b = await connectAs({ token: member.token, organizationId: org.id })
    const live = record<MessageObject>(b.socket, 'new_message')
    const first = nextEvent<MessageObject>(b.socket, 'new_message')
    await request(a.socket, 'send_message', { roomId: room.id, content: 'before' })
    const { versionSeq: cursor } = await first

    assert.equal(await dropConnection(b.socket), 'transport close')
    const missed = [
      await request<MessageObject>(a.socket, 'send_message', { roomId: room.id, content: 'm1' }),
      await request<MessageObject>(a.socket, 'send_message', { roomId: room.id, content: 'm2' }),
    ].map((answer) => (answer.ok ? answer.data.id : null))
    await reconnect(b.socket)
    const sync = await request<SyncResult>(b.socket, 'sync', { rooms: { [room.id]: cursor } })
    const synced = syncedMessages(sync, room.id)
    const room1 = sync.ok ? sync.data.rooms[room.id] : null
    const next = room1?.ok ? room1.data.cursor : 0
    const again = await request<SyncResult>(b.socket, 'sync', { rooms: { [room.id]: next } })

    assert.notOk(b.socket.recovered)
    assert.deepEqual(
      live.map((message) => message.content),
      ['before']
    )
    assert.deepEqual(
      synced.map((message) => message.id),
      missed
    )
    assert.deepEqual(syncedMessages(again, room.id), [])
  })

  test('a member removed while disconnected gets no missed message', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const a = await connectAs({ token: owner.token })
    const b = await connectAs({ token: member.token, organizationId: org.id })
    const seen = record(b.socket, 'new_message')
    const first = nextEvent<MessageObject>(b.socket, 'new_message')
    await request(a.socket, 'send_message', { roomId: room.id, content: 'before' })
    const { versionSeq: cursor } = await first

    assert.equal(await dropConnection(b.socket), 'transport close')
    const actor = await actorFor(owner.user, org.id)
    await RemoveRoomMember.handle(actor, room.id, member.user.id)
    await request(a.socket, 'send_message', { roomId: room.id, content: 'after removal' })
    await reconnect(b.socket)
    const sync = await request<SyncResult>(b.socket, 'sync', { rooms: { [room.id]: cursor } })

    assert.notOk(b.socket.recovered)
    const answer = sync.ok ? sync.data.rooms[room.id] : null
    assert.equal(answer && !answer.ok && answer.error.code, 'E_NOT_FOUND')
    assert.deepEqual(
      seen.map((message) => message.content),
      ['before']
    )
  })
})

test.group('Socket.IO abuse limits', (group) => {
  group.setup(() =>
    attachGateway((config) => ({
      ...config,
      limits: { ...config.limits, eventsPerSecond: 1, eventBurst: 5, maxJoinedRooms: 1 },
    }))
  )
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('a socket over its event budget gets E_RATE_LIMITED', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const room = await groupRoom(org, owner.user)
    const { socket } = await connectAs({ token: owner.token })

    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        request(socket, 'send_message', { roomId: room.id, content: `m${i}` })
      )
    )

    const codes = answers.map((answer) => (answer.ok ? 'ok' : answer.error.code))
    assert.deepEqual(codes.slice(0, 5), ['ok', 'ok', 'ok', 'ok', 'ok'])
    assert.include(codes, 'E_RATE_LIMITED')
  })

  test('a socket cannot be in more rooms than the join limit', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const first = await groupRoom(org, owner.user)
    const second = await groupRoom(org, owner.user)
    const { socket, context } = await connectAs({ token: owner.token })

    assert.deepEqual(context.rooms, [second.id])
    const answer = await request(socket, 'join_room', { roomId: first.id })
    assert.equal(!answer.ok && answer.error.code, 'E_TOO_MANY_ROOMS')
    await request(socket, 'leave_room', { roomId: second.id })
    assert.isTrue(await succeeds(socket, 'join_room', { roomId: first.id }))
  })

  test('a packet above maxHttpBufferSize closes the connection', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const room = await groupRoom(org, owner.user)
    const { socket } = await connectAs({ token: owner.token })
    const closed = nextEvent<string>(socket, 'disconnect')

    socket.emit('send_message', { roomId: room.id, content: 'x'.repeat(100 * 1024) })

    assert.include(['transport close', 'transport error'], await closed)
  })
})
