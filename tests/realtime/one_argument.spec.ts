import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { RawSocket, type RawEvent } from '#tests/helpers/raw_socket'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { attachGateway, closeSockets, connectAs, groupRoom, request } from '#tests/helpers/sockets'

/*
 * DESIGN.md §6: every server→client event carries exactly one argument, its
 * payload. Checked on the wire with a client that has no Socket.IO library
 * in between (a Python or Dart handler receives exactly these arguments).
 */

test.group('Server events on the wire', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('every event a raw client receives has exactly one argument', async ({
    client,
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const newcomer = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const a = await connectAs({ token: owner.token, organizationId: org.id })
    const raw = new RawSocket()
    cleanup(() => raw.close())

    const connect = await raw.connect({ token: member.token, organizationId: org.id })
    await raw.until(() => raw.named('connected').length === 1)
    const joined = await raw.request('join_room', { roomId: room.id })
    raw.emit('join_room', { roomId: 'not-a-uuid' })
    await raw.until(() => raw.named('error').length === 1)
    const sent = await request(a.socket, 'send_message', {
      roomId: room.id,
      content: `hello @${member.user.username}`,
    })
    const messageId = sent.ok ? sent.data.id : ''
    await request(a.socket, 'edit_message', { messageId, content: 'edited' })
    await request(a.socket, 'typing_start', { roomId: room.id })
    await request(a.socket, 'typing_stop', { roomId: room.id })
    await raw.request('mark_as_read', { roomId: room.id, messageId })
    await client
      .patch(`/chat/rooms/${room.id}`)
      .bearerToken(owner.token)
      .header('x-organization-id', org.id)
      .json({ name: 'renamed' })
    await client
      .post(`/chat/rooms/${room.id}/members`)
      .bearerToken(owner.token)
      .header('x-organization-id', org.id)
      .json({ userIds: [newcomer.user.id] })
    await connectAs({ token: newcomer.token, organizationId: org.id })
    await request(a.socket, 'delete_message', { messageId })
    await raw.until(() => raw.named('message_deleted').length === 1)
    const online = (event: RawEvent) => (event.args[0] as { userId: string }).userId
    await raw.until(() => raw.named('user_online').some((e) => online(e) === newcomer.user.id))
    await raw.until(() => raw.named('message_read').length === 1)

    const expected = [
      'connected',
      'joined_room',
      'error',
      'new_message',
      'mentioned',
      'notification',
      'message_edited',
      'user_typing',
      'user_stopped_typing',
      'message_read',
      'room_updated',
      'room_member_added',
      'user_online',
      'message_deleted',
    ]
    const names = new Set(raw.events.map((event) => event.name))
    for (const name of expected) assert.isTrue(names.has(name), `no ${name} received`)
    const extra = raw.events.filter((event) => event.args.length !== 1)
    assert.deepEqual(
      extra.map((event) => `${event.name}: ${JSON.stringify(event.args)}`),
      []
    )
    assert.lengthOf(joined, 1)
    assert.notProperty(connect, 'pid', 'the server offers no session to restore')
  })
})
