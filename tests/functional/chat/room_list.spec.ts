import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { actorFor } from '#services/org_context'
import UpdateRoom from '#actions/rooms/update_room'
import RemoveRoomMember from '#actions/rooms/remove_room_member'
import AddRoomMembers from '#actions/rooms/add_room_members'
import { as, chatOrg, directRoom, groupRoom, member, otherOrg, send } from './chat_fixtures.js'

test.group('GET /chat/rooms', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get('/chat/rooms')
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('rejects a cursor that is not a number', async ({ client }) => {
    const { org, alice } = await chatOrg()
    const response = await as(client, alice, org, 'get', '/chat/rooms').qs({ after: 'abc' })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'after' }] })
  })

  test('lists my rooms by latest activity with unread counts, last message and members', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const older = await groupRoom(org, owner, [alice, bob], 'older')
    const dm = await directRoom(org, alice, bob)
    await groupRoom(org, owner, [bob], 'not mine')
    await send(org, bob, older.id, 'first')
    await send(org, bob, older.id, 'second')
    await send(org, alice, dm.id, 'hi bob')
    await send(org, bob, older.id, 'third')

    const response = await as(client, alice, org, 'get', '/chat/rooms')
    response.assertStatus(200)
    const rooms = response.body().data
    assert.deepEqual(
      rooms.map((r: { id: string }) => r.id),
      [older.id, dm.id]
    )
    assert.equal(rooms[0].unreadCount, 3)
    assert.equal(rooms[0].lastMessage.content, 'third')
    assert.equal(rooms[0].lastMessage.seq, 3)
    assert.equal(rooms[0].memberCount, 3)
    assert.equal(rooms[1].unreadCount, 0)
    assert.equal(rooms[1].lastMessage.content, 'hi bob')
    assert.include(
      rooms[1].members.map((m: { user: { username: string } }) => m.user.username),
      bob.user.username
    )
    assert.isNumber(response.body().meta.cursor)
  })

  test('reports rooms joined, renamed, archived and left after a cursor', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const keep = await groupRoom(org, owner, [alice], 'keep')
    const start = await as(client, alice, org, 'get', '/chat/rooms')
    const cursor = start.body().meta.cursor

    const unchanged = await as(client, alice, org, 'get', '/chat/rooms').qs({ after: cursor })
    assert.deepEqual(unchanged.body().data, [])
    assert.deepEqual(unchanged.body().meta.removed, [])
    assert.equal(unchanged.body().meta.cursor, cursor)

    const ownerActor = await actorFor(owner.user, org.id)
    const joined = await groupRoom(org, owner, [bob], 'joined later')
    await AddRoomMembers.handle(ownerActor, joined.id, { userIds: [alice.user.id] })
    const renamed = await groupRoom(org, owner, [alice], 'old name')
    const archived = await groupRoom(org, owner, [alice], 'to archive')
    const left = await groupRoom(org, owner, [alice], 'to leave')
    const middle = await as(client, alice, org, 'get', '/chat/rooms').qs({ after: cursor })
    const after = middle.body().meta.cursor
    await UpdateRoom.handle(ownerActor, renamed.id, { name: 'new name' })
    await UpdateRoom.handle(ownerActor, archived.id, { archived: true })
    await RemoveRoomMember.handle(ownerActor, left.id, alice.user.id)
    await send(org, owner, keep.id, 'messages are not room-list changes')

    const response = await as(client, alice, org, 'get', '/chat/rooms').qs({ after })
    response.assertStatus(200)
    const body = response.body()
    const byId = new Map(body.data.map((r: { id: string }) => [r.id, r]))
    assert.sameMembers([...byId.keys()], [renamed.id, archived.id])
    assert.equal((byId.get(renamed.id) as { name: string }).name, 'new name')
    assert.isString((byId.get(archived.id) as { archivedAt: string }).archivedAt)
    assert.deepEqual(body.meta.removed, [left.id])
    assert.isAbove(body.meta.cursor, after)

    const full = await as(client, alice, org, 'get', '/chat/rooms').qs({ after: cursor })
    assert.sameMembers(
      full.body().data.map((r: { id: string }) => r.id),
      [joined.id, renamed.id, archived.id]
    )
    const drained = await as(client, alice, org, 'get', '/chat/rooms').qs({
      after: body.meta.cursor,
    })
    assert.deepEqual(drained.body().data, [])
    assert.deepEqual(drained.body().meta.removed, [])
  })

  test("answers 404 in another organization's context", async ({ client }) => {
    const { org: foreign } = await otherOrg()
    const { alice } = await chatOrg()
    const response = await as(client, alice, foreign, 'get', '/chat/rooms')
    response.assertStatus(404)
  })

  test('answers 400 E_ORGANIZATION_REQUIRED without any organization context', async ({
    client,
  }) => {
    const { org } = await chatOrg()
    const loner = await member(org)
    loner.user.activeOrganizationId = null
    await loner.user.save()
    const response = await client.get('/chat/rooms').bearerToken(loner.token)
    response.assertStatus(400)
    response.assertBodyContains({ errors: [{ code: 'E_ORGANIZATION_REQUIRED' }] })
  })
})

test.group('GET /chat/rooms/:roomId', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/chat/rooms/${crypto.randomUUID()}`)
    response.assertStatus(401)
  })

  test('answers 404 for a malformed id', async ({ client }) => {
    const { org, alice } = await chatOrg()
    const response = await as(client, alice, org, 'get', '/chat/rooms/not-a-uuid')
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
  })

  test('shows a room I am in, with all its members', async ({ client, assert }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const response = await as(client, alice, org, 'get', `/chat/rooms/${room.id}`)
    response.assertStatus(200)
    assert.equal(response.body().data.id, room.id)
    assert.equal(response.body().data.role, 'member')
    assert.lengthOf(response.body().data.members, 3)
  })

  test('answers 404 for a room of my organization I am not in', async ({ client }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [bob])
    const response = await as(client, alice, org, 'get', `/chat/rooms/${room.id}`)
    response.assertStatus(404)
  })

  test("answers 404 for another organization's room", async ({ client }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const { org: foreign, stranger } = await otherOrg()
    const response = await as(client, stranger, foreign, 'get', `/chat/rooms/${room.id}`)
    response.assertStatus(404)
  })
})

test.group('PATCH /chat/rooms/:roomId', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.patch(`/chat/rooms/${crypto.randomUUID()}`).json({ name: 'x' })
    response.assertStatus(401)
  })

  test('rejects a name that is not a string', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const response = await as(client, owner, org, 'patch', `/chat/rooms/${room.id}`).json({
      name: { a: 1 },
    })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'name' }] })
  })

  test('lets a room admin rename and archive; plain members get 403', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const denied = await as(client, alice, org, 'patch', `/chat/rooms/${room.id}`).json({
      name: 'mine',
    })
    denied.assertStatus(403)
    const response = await as(client, owner, org, 'patch', `/chat/rooms/${room.id}`).json({
      name: 'renamed',
      archived: true,
    })
    response.assertStatus(200)
    assert.equal(response.body().data.name, 'renamed')
    assert.isString(response.body().data.archivedAt)
    const sent = await as(client, alice, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'anyone?',
    })
    sent.assertStatus(409)
    sent.assertBodyContains({ errors: [{ code: 'E_ROOM_ARCHIVED' }] })
  })

  test("answers 404 for another organization's room and for non-members", async ({ client }) => {
    const { org, owner, alice, moderator } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const { org: foreign, stranger } = await otherOrg()
    const foreignResponse = await as(
      client,
      stranger,
      foreign,
      'patch',
      `/chat/rooms/${room.id}`
    ).json({ name: 'x' })
    foreignResponse.assertStatus(404)
    const outsider = await as(client, moderator, org, 'patch', `/chat/rooms/${room.id}`).json({
      name: 'x',
    })
    outsider.assertStatus(404)
  })
})
