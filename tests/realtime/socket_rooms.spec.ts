import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
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
  succeeds,
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

/** A room of another organization, a room of the same org the caller is not in, a random id. */
async function foreignRoomIds(org: Parameters<typeof createMemberWithToken>[0]) {
  const stranger = await createUserWithToken()
  const foreignOrg = await createOrgWith(stranger.user)
  const foreignRoom = await groupRoom(foreignOrg, stranger.user)
  const colleague = await createMemberWithToken(org, 'moderator')
  const privateRoom = await groupRoom(org, colleague.user)
  return [foreignRoom.id, privateRoom.id, randomUUID()]
}

test.group('Socket.IO rooms', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('leave_room stops the room broadcasts and join_room resumes them', async ({ assert }) => {
    const { room, a, b } = await chat()
    const seen = record(b, 'new_message')

    const left = nextEvent(b, 'left_room')
    assert.deepEqual(await request(b, 'leave_room', { roomId: room.id }), {
      ok: true,
      data: { roomId: room.id },
    })
    assert.deepEqual(await left, { roomId: room.id })
    await request(a, 'send_message', { roomId: room.id, content: 'while away' })

    const joined = nextEvent(b, 'joined_room')
    assert.isTrue(await succeeds(b, 'join_room', { roomId: room.id }))
    assert.deepEqual(await joined, { roomId: room.id })
    const back = nextEvent(b, 'new_message')
    await request(a, 'send_message', { roomId: room.id, content: 'welcome back' })
    await back

    assert.deepEqual(
      seen.map((message) => message.content),
      ['welcome back']
    )
  })

  test('join_room and leave_room answer E_NOT_FOUND for rooms the user is not in', async ({
    assert,
  }) => {
    const { a, b, org } = await chat()
    const seen = record(a, 'new_message')

    for (const roomId of await foreignRoomIds(org)) {
      for (const event of ['join_room', 'leave_room'] as const) {
        const answer = await request(b, event, { roomId })
        assert.deepEqual(answer, {
          ok: false,
          error: { code: 'E_NOT_FOUND', message: 'Room not found' },
        })
      }
    }
    const invalid = await request(b, 'join_room', { roomId: 'x' })
    assert.deepInclude(!invalid.ok && invalid.error, {
      code: 'E_VALIDATION_ERROR',
      field: 'roomId',
    })
    assert.lengthOf(seen, 0)
  })

  test('mark_as_read by seq or by message id broadcasts message_read', async ({ assert }) => {
    const { room, a, b, member } = await chat()
    const first = await request(a, 'send_message', { roomId: room.id, content: 'one' })
    await request(a, 'send_message', { roomId: room.id, content: 'two' })
    const reads = record(a, 'message_read')

    const bySeq = await request(b, 'mark_as_read', { roomId: room.id, seq: 2 })
    const back = await request(b, 'mark_as_read', {
      roomId: room.id,
      messageId: first.ok ? first.data.id : '',
    })
    const marker = nextEvent(a, 'new_message')
    await request(a, 'send_message', { roomId: room.id, content: 'marker' })
    await marker

    assert.deepEqual(bySeq, { ok: true, data: { roomId: room.id, lastReadSeq: 2 } })
    assert.deepEqual(back, { ok: true, data: { roomId: room.id, lastReadSeq: 2 } })
    assert.deepEqual(reads, [{ roomId: room.id, userId: member.user.id, seq: 2 }])
  })

  test('mark_as_read rejects bad payloads and foreign rooms or messages', async ({ assert }) => {
    const { room, a, b, org, owner, member } = await chat()

    for (const payload of [{ roomId: room.id }, { roomId: room.id, seq: -1 }, { seq: 1 }]) {
      const answer = await request(b, 'mark_as_read', payload)
      assert.equal(!answer.ok && answer.error.code, 'E_VALIDATION_ERROR', JSON.stringify(payload))
    }
    for (const roomId of await foreignRoomIds(org)) {
      const answer = await request(b, 'mark_as_read', { roomId, seq: 1 })
      assert.equal(!answer.ok && answer.error.code, 'E_NOT_FOUND')
    }
    const unknown = await request(b, 'mark_as_read', { roomId: room.id, messageId: randomUUID() })
    assert.equal(!unknown.ok && unknown.error.code, 'E_NOT_FOUND')
    // A message of another room the member is also in does not move this room's pointer.
    const other = await groupRoom(org, owner.user, [member.user])
    const sent = await request(a, 'send_message', { roomId: other.id, content: 'elsewhere' })
    const messageId = sent.ok ? sent.data.id : ''
    const elsewhere = await request(b, 'mark_as_read', { roomId: room.id, messageId })
    assert.equal(!elsewhere.ok && elsewhere.error.code, 'E_NOT_FOUND')
  })

  test('sync returns every change after each cursor, and E_NOT_FOUND entries for foreign rooms', async ({
    assert,
  }) => {
    const { room, a, b, org } = await chat()
    const one = await request(a, 'send_message', { roomId: room.id, content: 'one' })
    const cursor = one.ok ? one.data.versionSeq : 0
    const two = await request(a, 'send_message', { roomId: room.id, content: 'two' })
    await request(a, 'edit_message', { messageId: one.ok ? one.data.id : '', content: 'one!' })
    await request(a, 'delete_message', { messageId: two.ok ? two.data.id : '' })
    const [foreignRoom, privateRoom] = await foreignRoomIds(org)

    const answer = await request(b, 'sync', {
      rooms: { [room.id]: cursor, [foreignRoom]: 0, [privateRoom]: 0, 'not-a-uuid': 0 },
    })

    assert.isTrue(answer.ok)
    const rooms = answer.ok ? answer.data.rooms : {}
    const mine = rooms[room.id]
    assert.isTrue(mine.ok)
    const messages = mine.ok ? mine.data.messages : []
    assert.deepEqual(
      messages.map((m: any) => [m.seq, m.content, m.deletedAt !== null]),
      [
        [1, 'one!', false],
        [2, null, true],
      ]
    )
    assert.isFalse(mine.ok && mine.data.hasMore)
    for (const id of [foreignRoom, privateRoom, 'not-a-uuid']) {
      assert.deepEqual(rooms[id], {
        ok: false,
        error: { code: 'E_NOT_FOUND', message: 'Room not found' },
      })
    }
  })

  test('sync with roomsAfter reports rooms joined and left since the cursor', async ({
    assert,
  }) => {
    const { b, owner, member, org, room } = await chat()
    const start = await request(b, 'sync', { rooms: {}, roomsAfter: 0 })
    const cursor = start.ok ? start.data.roomList!.cursor : 0
    const later = await groupRoom(org, owner.user, [member.user])

    const answer = await request(b, 'sync', { rooms: {}, roomsAfter: cursor })

    assert.isTrue(start.ok && start.data.roomList!.rooms.some((r: any) => r.id === room.id))
    assert.deepEqual(answer.ok ? answer.data.roomList!.rooms.map((r: any) => r.id) : [], [later.id])
    const invalid = await request(b, 'sync', { rooms: { [room.id]: 'x' } })
    assert.equal(!invalid.ok && invalid.error.code, 'E_VALIDATION_ERROR')
  })

  test('a member added to a room starts receiving it at once', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user)
    const a = await connectAs({ token: owner.token })
    const b = await connectAs({ token: member.token, organizationId: org.id })
    const added = nextEvent(b.socket, 'room_member_added')
    const ownerSaw = nextEvent(a.socket, 'room_member_added')

    const response = await client
      .post(`/chat/rooms/${room.id}/members`)
      .bearerToken(owner.token)
      .header('x-organization-id', org.id)
      .json({ userIds: [member.user.id] })
    response.assertStatus(200)

    const payload = await added
    assert.deepInclude(payload, {
      organizationId: org.id,
      roomId: room.id,
      userIds: [member.user.id],
    })
    assert.equal(payload.room.id, room.id)
    assert.notProperty(payload.room, 'unreadCount')
    await ownerSaw
    const message = nextEvent(b.socket, 'new_message')
    await request(a.socket, 'send_message', { roomId: room.id, content: 'welcome' })
    const welcome = await message
    assert.equal(welcome.content, 'welcome')
  })

  test('a new room reaches its members sockets', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const a = await connectAs({ token: owner.token })
    const b = await connectAs({ token: member.token, organizationId: org.id })
    const added = nextEvent(b.socket, 'room_member_added')

    const room = await groupRoom(org, owner.user, [member.user])

    const announced = await added
    assert.equal(announced.roomId, room.id)
    const message = nextEvent(b.socket, 'new_message')
    await request(a.socket, 'send_message', { roomId: room.id, content: 'first' })
    const first = await message
    assert.equal(first.content, 'first')
  })

  test('switch_organization moves the socket to the other organization and its rooms', async ({
    assert,
  }) => {
    const { a, owner, room } = await chat()
    const second = await createOrgWith(owner.user)
    const other = await groupRoom(second, owner.user)
    const seen = record(a, 'new_message')
    const switched = nextEvent(a, 'organization_switched')

    const answer = await request(a, 'switch_organization', { organizationId: second.id })

    const context = { userId: owner.user.id, organizationId: second.id, rooms: [other.id] }
    assert.deepEqual(answer, { ok: true, data: context })
    assert.deepEqual(await switched, context)
    const oldRoom = await request(a, 'send_message', { roomId: room.id, content: 'x' })
    assert.equal(!oldRoom.ok && oldRoom.error.code, 'E_NOT_FOUND')
    const marker = nextEvent(a, 'new_message')
    await request(a, 'send_message', { roomId: other.id, content: 'here now' })
    await marker
    assert.deepEqual(
      seen.map((m) => m.roomId),
      [other.id]
    )
  })

  test('switch_organization to a foreign organization is E_NOT_FOUND and changes nothing', async ({
    assert,
  }) => {
    const { a, org } = await chat()
    const stranger = await createUserWithToken()
    const foreign = await createOrgWith(stranger.user)

    for (const organizationId of [foreign.id, randomUUID()]) {
      const answer = await request(a, 'switch_organization', { organizationId })
      assert.equal(!answer.ok && answer.error.code, 'E_NOT_FOUND')
    }
    const invalid = await request(a, 'switch_organization', { organizationId: 5 })
    assert.equal(!invalid.ok && invalid.error.code, 'E_VALIDATION_ERROR')
    const again = await request(a, 'switch_organization', { organizationId: org.id })
    assert.isTrue(again.ok && again.data.organizationId === org.id)
  })
})
