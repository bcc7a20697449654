import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import User from '#models/user'
import Organization from '#models/organization'
import Membership from '#models/membership'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'

test.group('POST /organizations', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.post('/organizations').json({ name: 'Acme' })
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('creates an organization owned by its creator, active when they had none', async ({
    client,
    assert,
  }) => {
    const { user, token } = await createUserWithToken()
    const response = await client
      .post('/organizations')
      .bearerToken(token)
      .json({ name: 'Ácme Corp!' })
    response.assertStatus(201)
    const data = response.body().data
    assert.equal(data.name, 'Ácme Corp!')
    assert.equal(data.slug, 'acme-corp')
    assert.equal(data.role, 'owner')
    assert.deepEqual(data.settings, {
      maxMembers: null,
      allowChannelMentions: true,
      description: null,
      requireTwoFactor: false,
    })
    const membership = await Membership.query()
      .where('organization_id', data.id)
      .where('user_id', user.id)
      .firstOrFail()
    assert.equal(membership.role, 'owner')
    await user.refresh()
    assert.equal(user.activeOrganizationId, data.id)
  })

  test('keeps an existing active organization', async ({ client, assert }) => {
    const { user, token } = await createUserWithToken()
    const first = await createOrgWith(user)
    const response = await client.post('/organizations').bearerToken(token).json({ name: 'Second' })
    response.assertStatus(201)
    await user.refresh()
    assert.equal(user.activeOrganizationId, first.id)
  })

  test('rejects a missing name and a name that is not a string', async ({ client }) => {
    const { token } = await createUserWithToken()
    const missing = await client.post('/organizations').bearerToken(token).json({})
    missing.assertStatus(422)
    missing.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'name' }] })
    const object = await client
      .post('/organizations')
      .bearerToken(token)
      .json({ name: { a: 1 } })
    object.assertStatus(422)
    object.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'name' }] })
    const array = await client
      .post('/organizations')
      .bearerToken(token)
      .json({ name: ['x'] })
    array.assertStatus(422)
  })

  test('rejects a malformed slug', async ({ client }) => {
    const { token } = await createUserWithToken()
    const response = await client
      .post('/organizations')
      .bearerToken(token)
      .json({ name: 'Acme', slug: 'Not A Slug' })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'slug' }] })
  })

  test('rejects an explicit slug that is taken, with a clear error on slug', async ({
    client,
    assert,
  }) => {
    const a = await createUserWithToken()
    await createOrgWith(a.user, { name: 'Acme', slug: 'acme' })
    const b = await createUserWithToken()
    const response = await client
      .post('/organizations')
      .bearerToken(b.token)
      .json({ name: 'Other', slug: 'acme' })
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [
        { code: 'E_VALIDATION_ERROR', field: 'slug', message: 'This slug is already taken' },
      ],
    })
    const created = await Organization.query().where('name', 'Other')
    assert.lengthOf(created, 0)
  })

  test('gives a derived slug a suffix when the plain one is taken', async ({ client, assert }) => {
    const a = await createUserWithToken()
    await createOrgWith(a.user, { name: 'Acme' })
    const response = await client.post('/organizations').bearerToken(a.token).json({ name: 'Acme' })
    response.assertStatus(201)
    assert.match(response.body().data.slug, /^acme-[0-9a-f]{6}$/)
  })
})

test.group('GET /organizations and /organizations/active', (group) => {
  group.each.setup(() => resetDatabase())

  test('require a token', async ({ client }) => {
    const list = await client.get('/organizations')
    list.assertStatus(401)
    const active = await client.get('/organizations/active')
    active.assertStatus(401)
  })

  test('lists only my organizations, each with my role', async ({ client, assert }) => {
    const me = await createUserWithToken()
    const other = await createUserWithToken()
    const mine = await createOrgWith(me.user, { name: 'A mine' })
    const theirs = await createOrgWith(other.user, { name: 'B theirs' })
    await createOrgWith(other.user, { name: 'C not mine' })
    await Membership.create({ organizationId: theirs.id, userId: me.user.id, role: 'moderator' })

    const response = await client.get('/organizations').bearerToken(me.token)
    response.assertStatus(200)
    const rows = response.body().data as { id: string; role: string }[]
    assert.deepEqual(
      rows.map((row) => [row.id, row.role]),
      [
        [mine.id, 'owner'],
        [theirs.id, 'moderator'],
      ]
    )
  })

  test('returns the active organization, or null when there is none', async ({
    client,
    assert,
  }) => {
    const me = await createUserWithToken()
    const none = await client.get('/organizations/active').bearerToken(me.token)
    none.assertStatus(200)
    assert.deepEqual(none.body(), { data: null })

    const org = await createOrgWith(me.user)
    const active = await client.get('/organizations/active').bearerToken(me.token)
    active.assertStatus(200)
    assert.equal(active.body().data.id, org.id)
    assert.equal(active.body().data.role, 'owner')
  })
})

test.group('GET /organizations/:orgId', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const unauthenticated = await client.get(`/organizations/${randomUUID()}`)
    unauthenticated.assertStatus(401)
  })

  test('shows an organization to a member, with their role', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org, 'member')
    const response = await client.get(`/organizations/${org.id}`).bearerToken(member.token)
    response.assertStatus(200)
    assert.equal(response.body().data.id, org.id)
    assert.equal(response.body().data.role, 'member')
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({ client }) => {
    const a = await createUserWithToken()
    const orgA = await createOrgWith(a.user)
    const b = await createUserWithToken()
    await createOrgWith(b.user)
    for (const id of [orgA.id, randomUUID(), 'not-a-uuid']) {
      const response = await client.get(`/organizations/${id}`).bearerToken(b.token)
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })
})

test.group('POST /organizations/:orgId/set-active', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const unauthenticated = await client.post(`/organizations/${randomUUID()}/set-active`)
    unauthenticated.assertStatus(401)
  })

  test('switches the active organization', async ({ client, assert }) => {
    const me = await createUserWithToken()
    await createOrgWith(me.user)
    const second = await createOrgWith(me.user)
    const response = await client
      .post(`/organizations/${second.id}/set-active`)
      .bearerToken(me.token)
    response.assertStatus(200)
    assert.equal(response.body().data.id, second.id)
    const fresh = await User.findOrFail(me.user.id)
    assert.equal(fresh.activeOrganizationId, second.id)
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    const a = await createUserWithToken()
    const orgA = await createOrgWith(a.user)
    const b = await createUserWithToken()
    const orgB = await createOrgWith(b.user)
    for (const id of [orgA.id, randomUUID(), 'nope']) {
      const response = await client.post(`/organizations/${id}/set-active`).bearerToken(b.token)
      response.assertStatus(404)
    }
    const fresh = await User.findOrFail(b.user.id)
    assert.equal(fresh.activeOrganizationId, orgB.id)
  })
})
