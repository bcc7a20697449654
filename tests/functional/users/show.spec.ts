import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { addMember, createOrgWith, createUserWithToken } from '#tests/helpers/users'

test.group('GET /users/:id', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/users/${randomUUID()}`)
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('shows a user who shares an organization, without private fields', async ({
    client,
    assert,
  }) => {
    const me = await createUserWithToken()
    const colleague = await createUserWithToken({ username: 'colleague', displayName: 'Col' })
    const org = await createOrgWith(me.user)
    await addMember(org, colleague.user)

    const response = await client.get(`/users/${colleague.user.id}`).bearerToken(me.token)
    response.assertStatus(200)
    const user = response.body().data
    assert.equal(user.id, colleague.user.id)
    assert.equal(user.username, 'colleague')
    assert.equal(user.displayName, 'Col')
    assert.notProperty(user, 'email')
    assert.notProperty(user, 'password')
    assert.notProperty(user, 'activeOrganizationId')
  })

  test('answers 404 for a user of another organization only', async ({ client }) => {
    const me = await createUserWithToken()
    await createOrgWith(me.user)
    const stranger = await createUserWithToken()
    await createOrgWith(stranger.user)

    const response = await client.get(`/users/${stranger.user.id}`).bearerToken(me.token)
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
  })

  test('answers 404 for an unknown or malformed id', async ({ client }) => {
    const me = await createUserWithToken()
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await client.get(`/users/${id}`).bearerToken(me.token)
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })

  test('always shows the caller themselves', async ({ client, assert }) => {
    const me = await createUserWithToken()
    const response = await client.get(`/users/${me.user.id}`).bearerToken(me.token)
    response.assertStatus(200)
    assert.equal(response.body().data.id, me.user.id)
  })
})

test.group('GET /users/username/:username', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get('/users/username/alice')
    response.assertStatus(401)
  })

  test('finds a user who shares an organization, case-insensitively', async ({
    client,
    assert,
  }) => {
    const me = await createUserWithToken()
    const alice = await createUserWithToken({ username: 'Alice' })
    const org = await createOrgWith(me.user)
    await addMember(org, alice.user)

    const response = await client.get('/users/username/aLICE').bearerToken(me.token)
    response.assertStatus(200)
    assert.equal(response.body().data.id, alice.user.id)
    assert.equal(response.body().data.username, 'Alice')
  })

  test('answers 404 for a user of another organization or nobody', async ({ client }) => {
    const me = await createUserWithToken()
    await createOrgWith(me.user)
    const stranger = await createUserWithToken({ username: 'stranger' })
    await createOrgWith(stranger.user)

    for (const username of ['stranger', 'nobody']) {
      const response = await client.get(`/users/username/${username}`).bearerToken(me.token)
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })

  test('always finds the caller themselves', async ({ client, assert }) => {
    const me = await createUserWithToken({ username: 'lonely' })
    const response = await client.get('/users/username/LONELY').bearerToken(me.token)
    response.assertStatus(200)
    assert.equal(response.body().data.id, me.user.id)
  })
})
