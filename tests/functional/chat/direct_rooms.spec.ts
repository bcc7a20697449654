import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, otherOrg } from './chat_fixtures.js'

test.group('POST /chat/rooms/direct', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.post('/chat/rooms/direct').json({ userId: crypto.randomUUID() })
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('rejects a userId that is not a string uuid', async ({ client }) => {
    const { org, alice } = await chatOrg()
    const response = await as(client, alice, org, 'post', '/chat/rooms/direct').json({ userId: 42 })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'userId' }] })
  })

  test('rejects a direct room with oneself', async ({ client }) => {
    const { org, alice } = await chatOrg()
    const response = await as(client, alice, org, 'post', '/chat/rooms/direct').json({
      userId: alice.user.id,
    })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'userId' }] })
  })

  test('opens the room once (201) and then returns the same room (200), from either side', async ({
    client,
    assert,
  }) => {
    const { org, alice, bob } = await chatOrg()
    const first = await as(client, alice, org, 'post', '/chat/rooms/direct').json({
      userId: bob.user.id,
    })
    first.assertStatus(201)
    assert.equal(first.body().data.type, 'direct')
    assert.equal(first.body().data.memberCount, 2)
    assert.sameMembers(
      first.body().data.members.map((m: { userId: string }) => m.userId),
      [alice.user.id, bob.user.id]
    )
    const again = await as(client, bob, org, 'post', '/chat/rooms/direct').json({
      userId: alice.user.id,
    })
    again.assertStatus(200)
    assert.equal(again.body().data.id, first.body().data.id)
  })

  test('concurrent opens of the same pair create one room', async ({ client, assert }) => {
    const { org, alice, bob } = await chatOrg()
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? as(client, alice, org, 'post', '/chat/rooms/direct').json({ userId: bob.user.id })
          : as(client, bob, org, 'post', '/chat/rooms/direct').json({ userId: alice.user.id })
      )
    )
    const ids = new Set(responses.map((r) => r.body().data.id))
    assert.equal(ids.size, 1)
    assert.equal(responses.filter((r) => r.status() === 201).length, 1)
    const rooms = await db.from('rooms').where('organization_id', org.id).count('* as total')
    assert.equal(Number(rooms[0].total), 1)
  })

  test('answers 404 for a user outside the organization', async ({ client }) => {
    const { org, alice } = await chatOrg()
    const { stranger } = await otherOrg()
    const response = await as(client, alice, org, 'post', '/chat/rooms/direct').json({
      userId: stranger.user.id,
    })
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
  })

  test("answers 404 in another organization's context", async ({ client }) => {
    const { org: foreign } = await otherOrg()
    const { alice, bob } = await chatOrg()
    const response = await as(client, alice, foreign, 'post', '/chat/rooms/direct').json({
      userId: bob.user.id,
    })
    response.assertStatus(404)
  })
})
