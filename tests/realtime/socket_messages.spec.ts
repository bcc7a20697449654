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
} from '#tests/helpers/sockets'

/** An owner and a member sharing a room, both connected; plus an outsider room. */
async function chat() {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const a = await connectAs({ token: owner.token })
  const b = await connectAs({ token: member.token, organizationId: org.id })
  return { owner, member, org, room, a: a.socket, b: b.socket }
}

test.group('Socket.IO messages', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('send_message acks the stored message and broadcasts new_message to the room', async ({
    assert,
  }) => {
    const { room, a, b, owner } = await chat()
    const received = nextEvent(b, 'new_message')
    const echoed = nextEvent(a, 'new_message')

    const answer = await request(a, 'send_message', { roomId: room.id, content: 'hello' })

    assert.isTrue(answer.ok)
    const message = answer.ok ? answer.data : null
    assert.include(message, { roomId: room.id, senderId: owner.user.id, content: 'hello', seq: 1 })
    assert.deepEqual(await received, message)
    assert.deepEqual(await echoed, message)
  })

  test('a message sent over REST reaches the room sockets too', async ({ client, assert }) => {
    const { room, b, owner, org } = await chat()
    const received = nextEvent(b, 'new_message')

    const response = await client
      .post('/chat/messages')
      .bearerToken(owner.token)
      .header('x-organization-id', org.id)
      .json({ roomId: room.id, content: 'from REST' })

    response.assertStatus(201)
    const message = await received
    assert.equal(message.id, response.body().data.id)
  })

  test('send_message with the same clientMessageId returns the stored message once', async ({
    assert,
  }) => {
    const { room, a, b } = await chat()
    const seen = record(b, 'new_message')
    const payload = { roomId: room.id, content: 'once', clientMessageId: randomUUID() }

    const first = await request(a, 'send_message', payload)
    const again = await request(a, 'send_message', payload)
    const conflict = await request(a, 'send_message', { ...payload, content: 'other' })
    const marker = nextEvent(b, 'new_message')
    await request(a, 'send_message', { roomId: room.id, content: 'marker' })
    await marker

    assert.isTrue(first.ok && again.ok)
    assert.deepEqual(first.ok && first.data.id, again.ok && again.data.id)
    assert.equal(!conflict.ok && conflict.error.code, 'E_IDEMPOTENCY_CONFLICT')
    assert.deepEqual(
      seen.map((message) => message.content),
      ['once', 'marker']
    )
  })

  test('send_message validates the payload with the REST validator', async ({ assert }) => {
    const { room, a } = await chat()

    for (const payload of [
      { roomId: room.id },
      { roomId: room.id, content: { text: 'x' } },
      { roomId: room.id, content: ['x'] },
      { roomId: room.id, content: 12 },
      { roomId: 'not-a-uuid', content: 'x' },
      'just a string',
    ]) {
      const answer = await request(a, 'send_message', payload)
      assert.isFalse(answer.ok, JSON.stringify(payload))
      assert.equal(!answer.ok && answer.error.code, 'E_VALIDATION_ERROR', JSON.stringify(payload))
    }
    const missing = await request(a, 'send_message', { roomId: room.id })
    assert.deepInclude(!missing.ok && missing.error, {
      code: 'E_VALIDATION_ERROR',
      field: 'content',
    })
  })

  test('send_message to a room of another organization or not joined is E_NOT_FOUND', async ({
    assert,
  }) => {
    const { a, org } = await chat()
    const stranger = await createUserWithToken()
    const foreignOrg = await createOrgWith(stranger.user)
    const foreignRoom = await groupRoom(foreignOrg, stranger.user)
    const colleague = await createMemberWithToken(org, 'moderator')
    const privateRoom = await groupRoom(org, colleague.user)

    for (const roomId of [foreignRoom.id, privateRoom.id, randomUUID()]) {
      const answer = await request(a, 'send_message', { roomId, content: 'hi' })
      assert.deepEqual(answer, {
        ok: false,
        error: { code: 'E_NOT_FOUND', message: 'Room not found' },
      })
    }
  })

  test('without an ack callback, a failure comes back as an error event', async ({ assert }) => {
    const { a } = await chat()
    const error = nextEvent(a, 'error')

    a.emit('send_message', { roomId: randomUUID(), content: 'hi' })

    assert.deepEqual(await error, {
      event: 'send_message',
      code: 'E_NOT_FOUND',
      message: 'Room not found',
    })
  })

  test('edit_message broadcasts message_edited; only the author may edit', async ({ assert }) => {
    const { room, a, b } = await chat()
    const sent = await request(a, 'send_message', { roomId: room.id, content: 'draft' })
    const messageId = sent.ok ? sent.data.id : ''
    const edited = nextEvent(b, 'message_edited')

    const answer = await request(a, 'edit_message', { messageId, content: 'final' })
    const denied = await request(b, 'edit_message', { messageId, content: 'mine now' })
    const invalid = await request(a, 'edit_message', { messageId, content: '' })
    const foreign = await request(a, 'edit_message', { messageId: randomUUID(), content: 'x' })

    assert.isTrue(answer.ok)
    assert.include(await edited, { id: messageId, content: 'final' })
    assert.equal(!denied.ok && denied.error.code, 'E_FORBIDDEN')
    assert.equal(!invalid.ok && invalid.error.code, 'E_VALIDATION_ERROR')
    assert.equal(!foreign.ok && foreign.error.code, 'E_NOT_FOUND')
  })

  test('delete_message broadcasts message_deleted with the seq', async ({ assert }) => {
    const { room, a, b } = await chat()
    const sent = await request(a, 'send_message', { roomId: room.id, content: 'oops' })
    const messageId = sent.ok ? sent.data.id : ''
    const deleted = nextEvent(b, 'message_deleted')

    const denied = await request(b, 'delete_message', { messageId })
    const answer = await request(a, 'delete_message', { messageId })
    const invalid = await request(a, 'delete_message', { messageId: 7 })

    assert.deepEqual(answer, { ok: true, data: { messageId } })
    assert.deepEqual(await deleted, { messageId, roomId: room.id, seq: 1 })
    assert.equal(!denied.ok && denied.error.code, 'E_FORBIDDEN')
    assert.equal(!invalid.ok && invalid.error.code, 'E_VALIDATION_ERROR')
  })

  test('a mentioned member receives mentioned', async ({ assert }) => {
    const { room, a, b, member, org } = await chat()
    const mentioned = nextEvent(b, 'mentioned')

    await request(a, 'send_message', { roomId: room.id, content: `hi @${member.user.username}` })

    const payload = await mentioned
    assert.equal(payload.organizationId, org.id)
    assert.equal(payload.roomId, room.id)
    assert.equal(payload.message.content, `hi @${member.user.username}`)
  })
})
