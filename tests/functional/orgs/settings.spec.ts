import { test } from '@japa/runner'
import Organization from '#models/organization'
import type { Role } from '#models/membership'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'

test.group('PUT /organizations/:orgId', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const response = await client.put(`/organizations/${org.id}`).json({ name: 'X' })
    response.assertStatus(401)
  })

  test('renames and merges settings, keeping the ones left out', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user, { name: 'Old' })
    const first = await client
      .put(`/organizations/${org.id}`)
      .bearerToken(owner.token)
      .json({ name: 'New', settings: { maxMembers: 10, description: 'Hello' } })
    first.assertStatus(200)
    assert.equal(first.body().data.name, 'New')
    assert.deepEqual(first.body().data.settings, {
      maxMembers: 10,
      allowChannelMentions: true,
      description: 'Hello',
      requireTwoFactor: false,
    })

    const second = await client
      .put(`/organizations/${org.id}`)
      .bearerToken(owner.token)
      .json({ settings: { allowChannelMentions: false, maxMembers: null } })
    second.assertStatus(200)
    const fresh = await Organization.findOrFail(org.id)
    assert.equal(fresh.name, 'New')
    assert.deepEqual(fresh.settings, {
      maxMembers: null,
      allowChannelMentions: false,
      description: 'Hello',
      requireTwoFactor: false,
    })
  })

  test('rejects bad input with one error per field', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 42 }, 'name'],
      [{ name: '' }, 'name'],
      [{ settings: { maxMembers: 0 } }, 'settings.maxMembers'],
      [{ settings: { maxMembers: 2.5 } }, 'settings.maxMembers'],
      [{ settings: { allowChannelMentions: 'yes' } }, 'settings.allowChannelMentions'],
      [{ settings: { description: ['x'] } }, 'settings.description'],
      [{ settings: 'nope' }, 'settings'],
    ]
    for (const [body, field] of cases) {
      const response = await client
        .put(`/organizations/${org.id}`)
        .bearerToken(owner.token)
        .json(body)
      assert.equal(response.status(), 422, JSON.stringify(body))
      assert.deepInclude(response.body().errors[0], { code: 'E_VALIDATION_ERROR', field })
    }
    const fresh = await Organization.findOrFail(org.id)
    assert.equal(fresh.name, org.name)
  })

  test('is allowed to owners and admins only', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const expected: Record<Role, number> = { owner: 200, admin: 200, moderator: 403, member: 403 }
    for (const [role, status] of Object.entries(expected) as [Role, number][]) {
      const actor = await createMemberWithToken(org, role)
      const response = await client
        .put(`/organizations/${org.id}`)
        .bearerToken(actor.token)
        .json({ name: `By ${role}` })
      assert.equal(response.status(), status, role)
      if (status === 403) assert.equal(response.body().errors[0].code, 'E_FORBIDDEN')
    }
    const fresh = await Organization.findOrFail(org.id)
    assert.equal(fresh.name, 'By admin')
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.put(`/organizations/${id}`).json({ name: 'Hijacked' })
    )
    const hijacked = await Organization.query().where('name', 'Hijacked')
    assert.lengthOf(hijacked, 0)
  })
})
