import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, directRoom, groupRoom, member, otherOrg } from './chat_fixtures.js'

test.group('POST /chat/rooms/:roomId/members', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client
      .post(`/chat/rooms/${crypto.randomUUID()}/members`)
      .json({ userIds: [crypto.randomUUID()] })
    response.assertStatus(401)
  })

  test('rejects an empty list and ids that are not uuids', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const empty = await as(client, owner, org, 'post', `/chat/rooms/${room.id}/members`).json({
      userIds: [],
    })
    empty.assertStatus(422)
    empty.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'userIds' }] })
    const bad = await as(client, owner, org, 'post', `/chat/rooms/${room.id}/members`).json({
      userIds: ['x'],
    })
    bad.assertStatus(422)
  })

  test('lets a room admin add members, skipping those already in', async ({ client, assert }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const response = await as(client, owner, org, 'post', `/chat/rooms/${room.id}/members`).json({
      userIds: [alice.user.id, bob.user.id],
    })
    response.assertStatus(200)
    assert.equal(response.body().data.memberCount, 3)
    const seen = await as(client, bob, org, 'get', `/chat/rooms/${room.id}`)
    seen.assertStatus(200)
  })

  test('lets an org moderator in the room add members; plain members get 403', async ({
    client,
  }) => {
    const { org, owner, moderator, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [moderator, alice])
    const denied = await as(client, alice, org, 'post', `/chat/rooms/${room.id}/members`).json({
      userIds: [bob.user.id],
    })
    denied.assertStatus(403)
    const allowed = await as(client, moderator, org, 'post', `/chat/rooms/${room.id}/members`).json(
      { userIds: [bob.user.id] }
    )
    allowed.assertStatus(200)
  })

  test('refuses to change the members of a direct room', async ({ client }) => {
    const { org, alice, bob, moderator } = await chatOrg()
    const dm = await directRoom(org, alice, bob)
    const response = await as(client, alice, org, 'post', `/chat/rooms/${dm.id}/members`).json({
      userIds: [moderator.user.id],
    })
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_DIRECT_ROOM_FIXED' }] })
  })

  test('answers 404 for users outside the organization', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const { stranger } = await otherOrg()
    const response = await as(client, owner, org, 'post', `/chat/rooms/${room.id}/members`).json({
      userIds: [stranger.user.id],
    })
    response.assertStatus(404)
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
      `/chat/rooms/${room.id}/members`
    ).json({ userIds: [stranger.user.id] })
    foreignResponse.assertStatus(404)
    const outsider = await as(client, bob, org, 'post', `/chat/rooms/${room.id}/members`).json({
      userIds: [bob.user.id],
    })
    outsider.assertStatus(404)
  })
})

test.group('DELETE /chat/rooms/:roomId/members/:memberId', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.delete(
      `/chat/rooms/${crypto.randomUUID()}/members/${crypto.randomUUID()}`
    )
    response.assertStatus(401)
  })

  test('answers 404 for a malformed member id', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const response = await as(client, owner, org, 'delete', `/chat/rooms/${room.id}/members/nope`)
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
  })

  test('lets a room admin remove a member, who then no longer sees the room', async ({
    client,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const response = await as(
      client,
      owner,
      org,
      'delete',
      `/chat/rooms/${room.id}/members/${alice.user.id}`
    )
    response.assertStatus(204)
    const gone = await as(client, alice, org, 'get', `/chat/rooms/${room.id}`)
    gone.assertStatus(404)
  })

  test('lets a member leave, but not remove someone else', async ({ client }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const denied = await as(
      client,
      alice,
      org,
      'delete',
      `/chat/rooms/${room.id}/members/${bob.user.id}`
    )
    denied.assertStatus(403)
    const left = await as(
      client,
      alice,
      org,
      'delete',
      `/chat/rooms/${room.id}/members/${alice.user.id}`
    )
    left.assertStatus(204)
  })

  test('refuses to remove anyone from a direct room', async ({ client }) => {
    const { org, alice, bob } = await chatOrg()
    const dm = await directRoom(org, alice, bob)
    const response = await as(
      client,
      alice,
      org,
      'delete',
      `/chat/rooms/${dm.id}/members/${alice.user.id}`
    )
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_DIRECT_ROOM_FIXED' }] })
  })

  test("answers 404 for another organization's room and for non-members", async ({ client }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const { org: foreign, stranger } = await otherOrg()
    const url = `/chat/rooms/${room.id}/members/${alice.user.id}`
    const foreignResponse = await as(client, stranger, foreign, 'delete', url)
    foreignResponse.assertStatus(404)
    const admin = await member(org, 'admin')
    const outsider = await as(client, admin, org, 'delete', url)
    outsider.assertStatus(404)
  })
})
