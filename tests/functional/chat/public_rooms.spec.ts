import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type Organization from '#models/organization'
import type { UserWithToken } from '#tests/helpers/users'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, directRoom, groupRoom, otherOrg, send } from './chat_fixtures.js'

/** A public group room made through the API by `creator` (moderator and up). */
async function publicRoom(
  client: ApiClient,
  org: Organization,
  creator: UserWithToken,
  name: string
) {
  const response = await as(client, creator, org, 'post', '/chat/rooms/group').json({
    name,
    memberIds: [],
    visibility: 'public',
  })
  response.assertStatus(201)
  return response.body().data as { id: string; visibility: string }
}

/** The names of the public rooms `who` can browse, with their joined flag. */
async function browse(client: ApiClient, org: Organization, who: UserWithToken, query = '') {
  const response = await as(client, who, org, 'get', `/chat/public-rooms${query}`)
  response.assertStatus(200)
  return (response.body().data as { name: string; joined: boolean; memberCount: number }[]).map(
    (room) => `${room.name}:${room.joined ? 'in' : 'out'}:${room.memberCount}`
  )
}

test.group('Public rooms: browse (GET /chat/public-rooms)', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token; without a header the active organization is used', async ({ client }) => {
    const anonymous = await client.get('/chat/public-rooms')
    anonymous.assertStatus(401)
    const { stranger } = await otherOrg()
    const loner = await client.get('/chat/public-rooms').bearerToken(stranger.token)
    loner.assertStatus(200)
  })

  test('lists the public, unarchived rooms of the organization only, by name, with joined flags', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice } = await chatOrg()
    const news = await publicRoom(client, org, owner, 'News')
    assert.equal(news.visibility, 'public')
    await publicRoom(client, org, moderator, 'Announcements')
    const archived = await publicRoom(client, org, owner, 'Old')
    await as(client, owner, org, 'patch', `/chat/rooms/${archived.id}`).json({ archived: true })
    await groupRoom(org, owner, [alice], 'Secret')
    const other = await otherOrg()
    await publicRoom(client, other.org, other.stranger, 'Their news')

    assert.deepEqual(await browse(client, org, alice), ['Announcements:out:1', 'News:out:1'])
    assert.deepEqual(await browse(client, org, owner), ['Announcements:out:1', 'News:in:1'])
    assert.deepEqual(await browse(client, org, alice, '?search=NEW'), ['News:out:1'])
    assert.deepEqual(await browse(client, org, alice, '?search=%25'), [])
    assert.deepEqual(await browse(client, other.org, other.stranger), ['Their news:in:1'])
  })

  test('answers 404 for an organization the caller is not in, and 422 for a bad page', async ({
    client,
  }) => {
    const { org, alice } = await chatOrg()
    const other = await otherOrg()
    const foreign = await as(client, alice, other.org, 'get', '/chat/public-rooms')
    foreign.assertStatus(404)
    foreign.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    const bad = await as(client, alice, org, 'get', '/chat/public-rooms?perPage=1000')
    bad.assertStatus(422)
    bad.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'perPage' }] })
  })
})

test.group('Public rooms: join (POST /chat/rooms/:roomId/join)', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.post(`/chat/rooms/${crypto.randomUUID()}/join`)
    response.assertStatus(401)
  })

  test('any member joins a public room: 201, then 200 again; history readable, room listed', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const news = await publicRoom(client, org, owner, 'News')
    await send(org, owner, news.id, 'Welcome to the news room')

    const joined = await as(client, alice, org, 'post', `/chat/rooms/${news.id}/join`)
    joined.assertStatus(201)
    assert.equal(joined.body().data.role, 'member')
    assert.equal(joined.body().data.memberCount, 2)
    assert.equal(joined.body().data.unreadCount, 0)
    const again = await as(client, alice, org, 'post', `/chat/rooms/${news.id}/join`)
    again.assertStatus(200)
    assert.equal(again.body().data.memberCount, 2)

    const history = await as(client, alice, org, 'get', `/chat/rooms/${news.id}/messages`)
    history.assertStatus(200)
    assert.equal(history.body().data[0].content, 'Welcome to the news room')
    const list = await as(client, alice, org, 'get', '/chat/rooms')
    assert.include(
      list.body().data.map((room: { id: string }) => room.id),
      news.id
    )
    assert.deepEqual(await browse(client, org, alice), ['News:in:2'])
  })

  test('a private, archived, direct or unknown room, or another organization’s, is 404', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice, bob } = await chatOrg()
    const secret = await groupRoom(org, owner, [moderator], 'Secret')
    const archived = await publicRoom(client, org, owner, 'Old')
    await as(client, owner, org, 'patch', `/chat/rooms/${archived.id}`).json({ archived: true })
    const dm = await directRoom(org, owner, moderator)
    const other = await otherOrg()
    const theirs = await publicRoom(client, other.org, other.stranger, 'Their news')

    for (const id of [secret.id, archived.id, dm.id, theirs.id, crypto.randomUUID()]) {
      const response = await as(client, alice, org, 'post', `/chat/rooms/${id}/join`)
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
    // With the other organization's header, Alice is not a member there: 404 as well.
    const foreign = await as(client, alice, other.org, 'post', `/chat/rooms/${theirs.id}/join`)
    foreign.assertStatus(404)
    const rooms = await as(client, bob, org, 'get', '/chat/rooms')
    assert.lengthOf(rooms.body().data, 0)
    const members = await as(client, owner, org, 'get', `/chat/rooms/${secret.id}`)
    assert.equal(members.body().data.memberCount, 2)
  })
})

test.group('Public rooms: visibility', (group) => {
  group.each.setup(() => resetDatabase())

  test('room admins make a room public or private again; plain members cannot', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice], 'Design')
    assert.deepEqual(await browse(client, org, bob), [])
    const denied = await as(client, alice, org, 'patch', `/chat/rooms/${room.id}`).json({
      visibility: 'public',
    })
    denied.assertStatus(403)
    const opened = await as(client, owner, org, 'patch', `/chat/rooms/${room.id}`).json({
      visibility: 'public',
    })
    opened.assertStatus(200)
    assert.equal(opened.body().data.visibility, 'public')
    assert.deepEqual(await browse(client, org, bob), ['Design:out:2'])
    await as(client, owner, org, 'patch', `/chat/rooms/${room.id}`).json({ visibility: 'private' })
    assert.deepEqual(await browse(client, org, bob), [])
    const closed = await as(client, bob, org, 'post', `/chat/rooms/${room.id}/join`)
    closed.assertStatus(404)
  })

  test('refuses an unknown visibility, and a public end-to-end encrypted room', async ({
    client,
  }) => {
    const { org, owner } = await chatOrg()
    const unknown = await as(client, owner, org, 'post', '/chat/rooms/group').json({
      name: 'x',
      memberIds: [],
      visibility: 'everyone',
    })
    unknown.assertStatus(422)
    unknown.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'visibility' }] })
    const encrypted = await as(client, owner, org, 'post', '/chat/rooms/group').json({
      name: 'x',
      memberIds: [],
      visibility: 'public',
      encrypted: true,
    })
    encrypted.assertStatus(422)
    encrypted.assertBodyContains({
      errors: [
        {
          code: 'E_VALIDATION_ERROR',
          field: 'visibility',
          message: 'An end-to-end encrypted room cannot be public',
        },
      ],
    })
  })
})
