import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type Organization from '#models/organization'
import { resetDatabase } from '#tests/helpers/database'
import type { UserWithToken } from '#tests/helpers/users'
import { as, chatOrg, groupRoom, otherOrg, send } from './chat_fixtures.js'

async function unreadOf(client: ApiClient, who: UserWithToken, org: Organization, roomId: string) {
  const response = await as(client, who, org, 'get', `/chat/rooms/${roomId}`)
  return response.body().data.unreadCount as number
}

test.group('POST /chat/rooms/:roomId/read', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.post(`/chat/rooms/${crypto.randomUUID()}/read`).json({ seq: 1 })
    response.assertStatus(401)
  })

  test('rejects a negative or non-numeric seq', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    for (const seq of [-1, 'abc', 1.5]) {
      const response = await as(client, owner, org, 'post', `/chat/rooms/${room.id}/read`).json({
        seq,
      })
      response.assertStatus(422)
      response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'seq' }] })
    }
  })

  test('moves the read pointer forward only, capped at the last message', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    for (const text of ['a', 'b', 'c']) await send(org, owner, room.id, text)
    const read = await as(client, alice, org, 'post', `/chat/rooms/${room.id}/read`).json({
      seq: 2,
    })
    read.assertStatus(200)
    assert.deepEqual(read.body().data, { roomId: room.id, lastReadSeq: 2 })
    const back = await as(client, alice, org, 'post', `/chat/rooms/${room.id}/read`).json({
      seq: 1,
    })
    assert.equal(back.body().data.lastReadSeq, 2)
    const beyond = await as(client, alice, org, 'post', `/chat/rooms/${room.id}/read`).json({
      seq: 99,
    })
    assert.equal(beyond.body().data.lastReadSeq, 3)
  })

  test('unread counts follow sends, reads and deletes', async ({ client, assert }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const first = await send(org, owner, room.id, 'one')
    await send(org, owner, room.id, 'two')
    await send(org, alice, room.id, 'mine do not count')
    await send(org, owner, room.id, 'three')
    assert.equal(await unreadOf(client, owner, org, room.id), 0)
    assert.equal(await unreadOf(client, alice, org, room.id), 1)

    await send(org, owner, room.id, 'four')
    await send(org, owner, room.id, 'five')
    assert.equal(await unreadOf(client, alice, org, room.id), 3)
    await as(client, alice, org, 'post', `/chat/rooms/${room.id}/read`).json({ seq: 4 })
    assert.equal(await unreadOf(client, alice, org, room.id), 2)

    const fifth = await send(org, owner, room.id, 'six')
    assert.equal(await unreadOf(client, alice, org, room.id), 3)
    const deleted = await as(client, owner, org, 'delete', `/chat/messages/${fifth.id}`)
    deleted.assertStatus(204)
    assert.equal(await unreadOf(client, alice, org, room.id), 2)
    await as(client, owner, org, 'delete', `/chat/messages/${first.id}`)
    assert.equal(await unreadOf(client, alice, org, room.id), 2)
  })

  test("answers 404 for another organization's room and for non-members", async ({ client }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const { org: foreign, stranger } = await otherOrg()
    const foreignResponse = await as(
      client,
      stranger,
      foreign,
      'post',
      `/chat/rooms/${room.id}/read`
    ).json({ seq: 1 })
    foreignResponse.assertStatus(404)
    const outsider = await as(client, bob, org, 'post', `/chat/rooms/${room.id}/read`).json({
      seq: 1,
    })
    outsider.assertStatus(404)
  })
})
