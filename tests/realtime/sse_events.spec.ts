import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { baseUrl, collect, sseClient, waitFor } from '#tests/helpers/sse'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { attachGateway, closeSockets, connectAs, groupRoom, request } from '#tests/helpers/sockets'

type SseMessage = { event: string; data: any }

/** An owner and a member sharing a room; the member listens over SSE on the room and on itself. */
async function listening(cleanup: (fn: () => void) => void) {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const client = sseClient(member.token)
  cleanup(() => client.close())
  const roomSub = client.subscription(`orgs/${org.id}/rooms/${room.id}`)
  const userSub = client.subscription(`users/${member.user.id}`)
  const roomEvents = collect<SseMessage>(roomSub)
  const userEvents = collect<SseMessage>(userSub)
  await roomSub.create()
  await userSub.create()
  return { owner, org, member, room, roomEvents, userEvents }
}

const names = (events: SseMessage[]) => events.map((message) => message.event)

/** Opens a raw event stream with a token; resolves when the server ends it. */
async function rawStream(token: string) {
  const uid = randomUUID()
  const response = await fetch(`${baseUrl()}/__transmit/events?uid=${uid}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const reader = response.body!.getReader()
  const ended = (async () => {
    for (;;) {
      const { done } = await reader.read()
      if (done) return true
    }
  })()
  return { uid, status: response.status, ended, cancel: () => reader.cancel().catch(() => {}) }
}

test.group('SSE events', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('room events reach the room channel with the socket payloads', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { owner, org, member, room, roomEvents, userEvents } = await listening(cleanup)
    const api = (method: 'post' | 'put' | 'delete', path: string) =>
      client[method](path).bearerToken(owner.token).header('x-organization-id', org.id)

    const sent = await api('post', '/chat/messages').json({
      roomId: room.id,
      content: `hello @${member.user.username}`,
    })
    sent.assertStatus(201)
    const message = sent.body().data
    await api('put', `/chat/messages/${message.id}`).json({ content: 'edited' })
    await api('delete', `/chat/messages/${message.id}`)
    const reader = await connectAs({ token: member.token, organizationId: org.id })
    await request(reader.socket, 'mark_as_read', { roomId: room.id, seq: 1 })
    const { socket } = await connectAs({ token: owner.token })
    await request(socket, 'typing_start', { roomId: room.id })
    await request(socket, 'typing_stop', { roomId: room.id })
    await waitFor(() => roomEvents.length >= 6 && userEvents.length >= 1)

    assert.deepEqual(names(roomEvents), [
      'new_message',
      'message_edited',
      'message_deleted',
      'message_read',
      'user_typing',
      'user_stopped_typing',
    ])
    assert.deepEqual(roomEvents[0].data, message)
    assert.equal(roomEvents[1].data.content, 'edited')
    assert.deepEqual(roomEvents[2].data, { messageId: message.id, roomId: room.id, seq: 1 })
    assert.deepEqual(roomEvents[3].data, { roomId: room.id, userId: member.user.id, seq: 1 })
    assert.deepEqual(roomEvents[4].data, { roomId: room.id, userId: owner.user.id })
    assert.deepEqual(userEvents[0], {
      event: 'mentioned',
      data: { organizationId: org.id, roomId: room.id, message },
    })
  })

  test('a member added to a room hears of it on their user channel', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { owner, org, room, roomEvents } = await listening(cleanup)
    const newcomer = await createMemberWithToken(org)
    const sse = sseClient(newcomer.token)
    cleanup(() => sse.close())
    const sub = sse.subscription(`users/${newcomer.user.id}`)
    const events = collect<SseMessage>(sub)
    await sub.create()

    const response = await client
      .post(`/chat/rooms/${room.id}/members`)
      .bearerToken(owner.token)
      .header('x-organization-id', org.id)
      .json({ userIds: [newcomer.user.id] })

    response.assertStatus(200)
    await waitFor(() => events.length === 1 && roomEvents.length === 1)
    assert.equal(events[0].event, 'room_member_added')
    assert.include(events[0].data, { organizationId: org.id, roomId: room.id })
    assert.deepEqual(events[0].data.userIds, [newcomer.user.id])
    assert.notProperty(events[0].data.room, 'unreadCount')
    assert.deepEqual(roomEvents[0], events[0])
  })

  test('a member removed from a room stops receiving it at once', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { owner, org, member, room, roomEvents, userEvents } = await listening(cleanup)
    const send = (content: string) =>
      client
        .post('/chat/messages')
        .bearerToken(owner.token)
        .header('x-organization-id', org.id)
        .json({ roomId: room.id, content })
    await send('before')
    await waitFor(() => roomEvents.length === 1)

    const removed = await client
      .delete(`/chat/rooms/${room.id}/members/${member.user.id}`)
      .bearerToken(owner.token)
      .header('x-organization-id', org.id)
    removed.assertStatus(204)
    await send('after')
    // The member has no socket, so 'before' also became a notification on the user channel.
    const membership = () => userEvents.filter((message) => message.event !== 'notification')
    await waitFor(() => membership().length === 1)

    assert.deepEqual(membership()[0], {
      event: 'room_member_removed',
      data: { organizationId: org.id, roomId: room.id, userId: member.user.id },
    })
    assert.deepEqual(
      roomEvents.map((message) => message.data.content),
      ['before']
    )
  })

  test('removal from the organization drops its room channels, not the user channel', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { owner, org, member, room, roomEvents, userEvents } = await listening(cleanup)

    const response = await client
      .delete(`/organizations/${org.id}/members/${member.user.id}`)
      .bearerToken(owner.token)
    response.assertStatus(204)
    await client
      .post('/chat/messages')
      .bearerToken(owner.token)
      .header('x-organization-id', org.id)
      .json({ roomId: room.id, content: `after @${member.user.username}` })
    const ownOrg = await createOrgWith(member.user)
    const ownRoom = await groupRoom(ownOrg, member.user)
    await waitFor(() => names(userEvents).includes('room_member_added'))

    assert.lengthOf(roomEvents, 0)
    assert.deepEqual(names(userEvents), ['room_member_added'])
    assert.equal(userEvents[0].data.roomId, ownRoom.id)
  })

  test('logout ends the streams opened with that token only', async ({
    client,
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const second = await User.accessTokens.create(owner.user, ['*'], { name: 'second' })
    const loggedOut = await rawStream(owner.token)
    cleanup(() => loggedOut.cancel())
    const other = sseClient(second.value!.release())
    cleanup(() => other.close())
    const sub = other.subscription(`users/${owner.user.id}`)
    const events = collect<SseMessage>(sub)
    await sub.create()
    assert.equal(loggedOut.status, 200)

    const response = await client.post('/auth/logout').bearerToken(owner.token)

    response.assertStatus(204)
    assert.isTrue(await loggedOut.ended)
    const room = await groupRoom(org, owner.user)
    await waitFor(() => events.length === 1)
    assert.equal(events[0].data.roomId, room.id)
  })
})
