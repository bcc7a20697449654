import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, otherOrg } from './chat_fixtures.js'

test.group('POST /chat/rooms/group', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.post('/chat/rooms/group').json({ name: 'x', memberIds: [] })
    response.assertStatus(401)
  })

  test('rejects a missing name and a memberIds that is not a list', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const response = await as(client, owner, org, 'post', '/chat/rooms/group').json({
      memberIds: 'nope',
    })
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [
        { code: 'E_VALIDATION_ERROR', field: 'name' },
        { code: 'E_VALIDATION_ERROR', field: 'memberIds' },
      ],
    })
  })

  test('creates a room with the creator as room admin', async ({ client, assert }) => {
    const { org, moderator, alice, bob } = await chatOrg()
    const response = await as(client, moderator, org, 'post', '/chat/rooms/group').json({
      name: 'Design',
      description: 'Pixels',
      memberIds: [alice.user.id, bob.user.id],
    })
    response.assertStatus(201)
    const room = response.body().data
    assert.equal(room.type, 'group')
    assert.equal(room.name, 'Design')
    assert.equal(room.description, 'Pixels')
    assert.equal(room.role, 'admin')
    assert.equal(room.memberCount, 3)
    assert.isFalse(room.encrypted)
  })

  test('forbids plain members (createGroupRooms permission)', async ({ client }) => {
    const { org, alice, bob } = await chatOrg()
    const response = await as(client, alice, org, 'post', '/chat/rooms/group').json({
      name: 'Mine',
      memberIds: [bob.user.id],
    })
    response.assertStatus(403)
    response.assertBodyContains({ errors: [{ code: 'E_FORBIDDEN' }] })
  })

  test('refuses encrypted rooms while the e2e-keys plugin is disabled', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const response = await as(client, owner, org, 'post', '/chat/rooms/group').json({
      name: 'Secret',
      memberIds: [],
      encrypted: true,
    })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_E2E_DISABLED', field: 'encrypted' }] })
  })

  test('answers 404 for a member from another organization', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const { stranger } = await otherOrg()
    const response = await as(client, owner, org, 'post', '/chat/rooms/group').json({
      name: 'Mixed',
      memberIds: [stranger.user.id],
    })
    response.assertStatus(404)
  })

  test("answers 404 in another organization's context", async ({ client }) => {
    const { org: foreign } = await otherOrg()
    const { owner } = await chatOrg()
    const response = await as(client, owner, foreign, 'post', '/chat/rooms/group').json({
      name: 'x',
      memberIds: [],
    })
    response.assertStatus(404)
  })
})
