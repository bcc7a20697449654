import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { attachGateway, closeSockets, connectAs, groupRoom, request } from '#tests/helpers/sockets'

/*
 * The socket door validates with the same rule factories as REST: strings
 * PostgreSQL cannot store, numbers beyond a column's range, and strings or
 * booleans where numbers belong are an E_VALIDATION_ERROR ack naming the
 * field, never an E_INTERNAL and never a coerced value. Message bodies are
 * stored exactly as sent. (On main: NUL content was stored, `seq: 1e300` and
 * huge `sync` cursors were E_INTERNAL, `seq: true` / `"5"` were coerced.)
 */

async function chat() {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const { socket } = await connectAs({ token: member.token, organizationId: org.id })
  return { owner, member, org, room, socket }
}

function assertRefused(answer: any, field: string, assert: any) {
  assert.isFalse(answer.ok, JSON.stringify(answer))
  assert.equal(answer.error.code, 'E_VALIDATION_ERROR', JSON.stringify(answer))
  assert.equal(answer.error.field, field, JSON.stringify(answer))
}

test.group('Socket.IO bad input', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('send_message and edit_message refuse NUL and unpaired surrogates', async ({ assert }) => {
    const { room, socket } = await chat()
    for (const content of ['a\u0000b', 'a\uDC00b']) {
      assertRefused(
        await request(socket, 'send_message', { roomId: room.id, content }),
        'content',
        assert
      )
    }
    const sent = await request(socket, 'send_message', { roomId: room.id, content: 'fine' })
    assert.isTrue(sent.ok)
    const messageId = sent.ok ? sent.data.id : ''
    const edit = await request(socket, 'edit_message', { messageId, content: 'x\u0000' })
    assertRefused(edit, 'content', assert)
    const rows = await db.from('messages').where('room_id', room.id)
    assert.lengthOf(rows, 1)
  })

  test('mark_as_read takes only an in-range JSON integer seq', async ({ assert }) => {
    const { room, socket } = await chat()
    await request(socket, 'send_message', { roomId: room.id, content: 'one' })
    for (const seq of [1e300, 2 ** 53, true, '5', -1, 0.5, null, [1]]) {
      assertRefused(await request(socket, 'mark_as_read', { roomId: room.id, seq }), 'seq', assert)
    }
    const largest = await request(socket, 'mark_as_read', {
      roomId: room.id,
      seq: Number.MAX_SAFE_INTEGER,
    })
    assert.isTrue(largest.ok, JSON.stringify(largest))
  })

  test('sync cursors must be in-range JSON integers', async ({ assert }) => {
    const { room, socket } = await chat()
    for (const cursor of [1e300, 99999999999999999999, '5', true]) {
      const answer = await request(socket, 'sync', { rooms: { [room.id]: cursor } })
      assertRefused(answer, `rooms.${room.id}`, assert)
      const roomsAfter = await request(socket, 'sync', { rooms: {}, roomsAfter: cursor })
      assertRefused(roomsAfter, 'roomsAfter', assert)
    }
    const fine = await request(socket, 'sync', { rooms: { [room.id]: 0 }, roomsAfter: 0 })
    assert.isTrue(fine.ok, JSON.stringify(fine))
  })

  test('payloads that are not objects are validation errors, not internal ones', async ({
    assert,
  }) => {
    const { socket } = await chat()
    for (const payload of ['str', 42, null, true, [1]]) {
      for (const event of ['send_message', 'mark_as_read', 'sync', 'join_room'] as const) {
        const answer: any = await request(socket, event, payload)
        assert.isFalse(answer.ok)
        assert.equal(answer.error.code, 'E_VALIDATION_ERROR', `${event} ${JSON.stringify(payload)}`)
      }
    }
  })

  test('send_message and edit_message store content exactly as sent', async ({ assert }) => {
    const { room, socket } = await chat()
    const code = '  if (x) {\n    return 1\n  }\n'
    const sent = await request(socket, 'send_message', { roomId: room.id, content: code })
    assert.isTrue(sent.ok)
    assert.equal(sent.ok && sent.data.content, code)
    const edited = await request(socket, 'edit_message', {
      messageId: sent.ok ? sent.data.id : '',
      content: `\t${code}`,
    })
    assert.equal(edited.ok && edited.data.content, `\t${code}`)
    const blank = await request(socket, 'send_message', { roomId: room.id, content: ' \n\t ' })
    assertRefused(blank, 'content', assert)
  })
})
