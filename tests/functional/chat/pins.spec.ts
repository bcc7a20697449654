import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, directRoom, groupRoom, otherOrg, send } from './chat_fixtures.js'

const pin = (messageId: string) => `/chat/messages/${messageId}/pin`
const pins = (roomId: string) => `/chat/rooms/${roomId}/pins`

/** Sends a request and checks its status. */
async function expectStatus(
  request: PromiseLike<{ assertStatus(status: number): void }>,
  status: number
) {
  const response = await request
  response.assertStatus(status)
}

test.group('Pins', (group) => {
  group.each.setup(() => resetDatabase())

  test('require a token', async ({ client }) => {
    await expectStatus(client.put(pin(randomUUID())), 401)
    await expectStatus(client.get(pins(randomUUID())), 401)
  })

  test('are set by room admins and moderators, listed newest first, and restamp the message', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [moderator, alice])
    const first = await send(org, alice, room.id, 'first')
    const second = await send(org, alice, room.id, 'second')

    const byAdmin = await as(client, owner, org, 'put', pin(first.id))
    byAdmin.assertStatus(200)
    assert.equal(byAdmin.body().data.pin.pinnedById, owner.user.id)
    assert.isAbove(byAdmin.body().data.versionSeq, first.versionSeq)
    const byModerator = await as(client, moderator, org, 'put', pin(second.id))
    byModerator.assertStatus(200)
    const again = await as(client, moderator, org, 'put', pin(second.id))
    assert.equal(again.body().data.versionSeq, byModerator.body().data.versionSeq)

    const list = await as(client, alice, org, 'get', pins(room.id))
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((m: { id: string }) => m.id),
      [second.id, first.id]
    )
    assert.equal(list.body().data[0].content, 'second')

    const changes = await as(
      client,
      alice,
      org,
      'get',
      `/chat/rooms/${room.id}/messages?after=${second.versionSeq}`
    )
    assert.sameMembers(
      changes.body().data.map((m: { id: string }) => m.id),
      [first.id, second.id]
    )
    assert.isNotNull(changes.body().data[0].pin)
  })

  test('are refused to plain members of a group room', async ({ client, assert }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, alice, room.id, 'mine')
    const response = await as(client, alice, org, 'put', pin(message.id))
    response.assertStatus(403)
    await as(client, owner, org, 'put', pin(message.id))
    await expectStatus(as(client, alice, org, 'delete', pin(message.id)), 403)
    assert.lengthOf(await db.from('message_pins'), 1)
  })

  test('are set by the author in a direct room, not by the other member', async ({ client }) => {
    const { org, alice, bob } = await chatOrg()
    const room = await directRoom(org, alice, bob)
    const message = await send(org, alice, room.id, 'remember this')
    await expectStatus(as(client, bob, org, 'put', pin(message.id)), 403)
    await expectStatus(as(client, alice, org, 'put', pin(message.id)), 200)
  })

  test('survive edits, go with deleted messages, and unpin with an event-worthy restamp', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const kept = await send(org, alice, room.id, 'v1')
    const gone = await send(org, alice, room.id, 'bye')
    await as(client, owner, org, 'put', pin(kept.id))
    await as(client, owner, org, 'put', pin(gone.id))
    const edited = await as(client, alice, org, 'put', `/chat/messages/${kept.id}`).json({
      content: 'v2',
    })
    assert.isNotNull(edited.body().data.pin)
    await as(client, alice, org, 'delete', `/chat/messages/${gone.id}`)
    const list = await as(client, alice, org, 'get', pins(room.id))
    assert.deepEqual(
      list.body().data.map((m: { id: string; content: string }) => [m.id, m.content]),
      [[kept.id, 'v2']]
    )
    const before = edited.body().data.versionSeq
    await expectStatus(as(client, owner, org, 'delete', pin(kept.id)), 204)
    const after = await as(
      client,
      alice,
      org,
      'get',
      `/chat/rooms/${room.id}/messages?after=${before}`
    )
    const unpinned = after.body().data.at(-1)
    assert.equal(unpinned.id, kept.id)
    assert.isNull(unpinned.pin)
    await expectStatus(as(client, owner, org, 'delete', pin(kept.id)), 204)
    const empty = await as(client, alice, org, 'get', pins(room.id))
    assert.lengthOf(empty.body().data, 0)
  })

  test('answer 404 to non-members and other organizations', async ({ client }) => {
    const { org, owner, alice, moderator } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, owner, room.id, 'hi')
    const { org: foreign, stranger } = await otherOrg()
    const requests = [
      as(client, moderator, org, 'put', pin(message.id)),
      as(client, moderator, org, 'delete', pin(message.id)),
      as(client, moderator, org, 'get', pins(room.id)),
      as(client, stranger, foreign, 'put', pin(message.id)),
      as(client, stranger, foreign, 'get', pins(room.id)),
    ]
    for (const request of requests) {
      const response = await request
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })
})
