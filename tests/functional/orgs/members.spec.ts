import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import emitter from '@adonisjs/core/services/emitter'
import User from '#models/user'
import Membership, { type Role } from '#models/membership'
import { resetDatabase } from '#tests/helpers/database'
import {
  addMember,
  createMemberWithToken,
  createOrgWith,
  createUserWithToken,
} from '#tests/helpers/users'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'

async function roleOf(orgId: string, userId: string) {
  const membership = await Membership.query()
    .where('organization_id', orgId)
    .where('user_id', userId)
    .first()
  return membership?.role ?? null
}

test.group('GET /organizations/:orgId/members', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/organizations/${randomUUID()}/members`)
    response.assertStatus(401)
  })

  test('pages members with their public summary and role', async ({ client, assert }) => {
    const owner = await createUserWithToken({ displayName: 'Olivia' })
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org, 'member')
    await createMemberWithToken(org, 'moderator')

    const first = await client
      .get(`/organizations/${org.id}/members`)
      .qs({ page: 1, perPage: 2 })
      .bearerToken(member.token)
    first.assertStatus(200)
    assert.deepEqual(first.body().meta, { total: 3, perPage: 2, currentPage: 1, lastPage: 2 })
    const [row] = first.body().data
    assert.equal(row.userId, owner.user.id)
    assert.equal(row.role, 'owner')
    assert.equal(row.user.id, owner.user.id)
    assert.equal(row.user.displayName, 'Olivia')
    assert.notProperty(row.user, 'email')
    assert.notProperty(row.user, 'password')

    const second = await client
      .get(`/organizations/${org.id}/members`)
      .qs({ page: 2, perPage: 2 })
      .bearerToken(member.token)
    assert.equal(second.body().data.length, 1)
    assert.equal(second.body().data[0].role, 'moderator')
  })

  test('rejects a page size over 100', async ({ client }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const response = await client
      .get(`/organizations/${org.id}/members`)
      .qs({ perPage: 1000 })
      .bearerToken(owner.token)
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'perPage' }] })
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.get(`/organizations/${id}/members`)
    )
  })
})

test.group('DELETE /organizations/:orgId/members/:memberId', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.delete(`/organizations/${randomUUID()}/members/${randomUUID()}`)
    response.assertStatus(401)
  })

  test('removes a member, clears their active org and emits org:member_removed', async ({
    client,
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const target = await createUserWithToken()
    await addMember(org, target.user, 'member')
    target.user.activeOrganizationId = org.id
    await target.user.save()
    const events = emitter.fake(['org:member_removed'])
    cleanup(() => emitter.restore())

    const response = await client
      .delete(`/organizations/${org.id}/members/${target.user.id}`)
      .bearerToken(owner.token)
    response.assertStatus(204)
    assert.isNull(await roleOf(org.id, target.user.id))
    const fresh = await User.findOrFail(target.user.id)
    assert.isNull(fresh.activeOrganizationId)
    events.assertEmitted('org:member_removed', ({ data }) => {
      return (
        data.userId === target.user.id &&
        data.organizationId === org.id &&
        data.removedById === owner.user.id &&
        data.reason === 'removed'
      )
    })
  })

  test('follows the matrix: owners remove anyone, admins anyone but owners', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const cases: [Role, Role, number][] = [
      ['owner', 'owner', 204],
      ['owner', 'admin', 204],
      ['admin', 'owner', 403],
      ['admin', 'admin', 204],
      ['admin', 'member', 204],
      ['moderator', 'member', 403],
      ['member', 'member', 403],
    ]
    for (const [actorRole, targetRole, status] of cases) {
      const actor = await createMemberWithToken(org, actorRole)
      const target = await createMemberWithToken(org, targetRole)
      const response = await client
        .delete(`/organizations/${org.id}/members/${target.user.id}`)
        .bearerToken(actor.token)
      assert.equal(response.status(), status, `${actorRole} removing ${targetRole}`)
      const expected = status === 204 ? null : targetRole
      assert.equal(await roleOf(org.id, target.user.id), expected)
    }
  })

  test('never removes the last owner', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const response = await client
      .delete(`/organizations/${org.id}/members/${owner.user.id}`)
      .bearerToken(owner.token)
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_LAST_OWNER' }] })
    assert.equal(await roleOf(org.id, owner.user.id), 'owner')
  })

  test('is 404 for a member of another organization, a random uuid and a non-uuid', async ({
    client,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const outsider = await createUserWithToken()
    await createOrgWith(outsider.user)
    for (const memberId of [outsider.user.id, randomUUID(), 'not-a-uuid']) {
      const response = await client
        .delete(`/organizations/${org.id}/members/${memberId}`)
        .bearerToken(owner.token)
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    const victim = await createUserWithToken()
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.delete(`/organizations/${id}/members/${victim.user.id}`)
    )
  })
})

test.group('PUT /organizations/:orgId/members/:memberId/role', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client
      .put(`/organizations/${randomUUID()}/members/${randomUUID()}/role`)
      .json({ role: 'admin' })
    response.assertStatus(401)
  })

  test('changes a role and emits org:member_role_changed', async ({ client, assert, cleanup }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const target = await createMemberWithToken(org, 'member')
    const events = emitter.fake(['org:member_role_changed'])
    cleanup(() => emitter.restore())

    const response = await client
      .put(`/organizations/${org.id}/members/${target.user.id}/role`)
      .bearerToken(owner.token)
      .json({ role: 'admin' })
    response.assertStatus(200)
    assert.equal(response.body().data.role, 'admin')
    assert.equal(response.body().data.user.id, target.user.id)
    assert.equal(await roleOf(org.id, target.user.id), 'admin')
    events.assertEmitted('org:member_role_changed', ({ data }) => {
      return (
        data.userId === target.user.id && data.role === 'admin' && data.previousRole === 'member'
      )
    })
  })

  test('rejects an unknown role and a non-string role', async ({ client }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const target = await createMemberWithToken(org, 'member')
    for (const role of ['superuser', 3, ['admin'], null]) {
      const response = await client
        .put(`/organizations/${org.id}/members/${target.user.id}/role`)
        .bearerToken(owner.token)
        .json({ role })
      response.assertStatus(422)
      response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'role' }] })
    }
  })

  test('is allowed to owners only', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const expected: Record<Role, number> = { owner: 200, admin: 403, moderator: 403, member: 403 }
    for (const [role, status] of Object.entries(expected) as [Role, number][]) {
      const actor = await createMemberWithToken(org, role)
      const target = await createMemberWithToken(org, 'member')
      const response = await client
        .put(`/organizations/${org.id}/members/${target.user.id}/role`)
        .bearerToken(actor.token)
        .json({ role: 'moderator' })
      assert.equal(response.status(), status, role)
      assert.equal(await roleOf(org.id, target.user.id), status === 200 ? 'moderator' : 'member')
    }
  })

  test('never demotes the last owner, but demotes one of two', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const alone = await client
      .put(`/organizations/${org.id}/members/${owner.user.id}/role`)
      .bearerToken(owner.token)
      .json({ role: 'admin' })
    alone.assertStatus(409)
    alone.assertBodyContains({ errors: [{ code: 'E_LAST_OWNER' }] })
    assert.equal(await roleOf(org.id, owner.user.id), 'owner')

    await createMemberWithToken(org, 'owner')
    const withTwo = await client
      .put(`/organizations/${org.id}/members/${owner.user.id}/role`)
      .bearerToken(owner.token)
      .json({ role: 'admin' })
    withTwo.assertStatus(200)
    assert.equal(await roleOf(org.id, owner.user.id), 'admin')
  })

  test('is 404 for a non-member, a random uuid and a non-uuid member id', async ({ client }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const outsider = await createUserWithToken()
    for (const memberId of [outsider.user.id, randomUUID(), '123']) {
      const response = await client
        .put(`/organizations/${org.id}/members/${memberId}/role`)
        .bearerToken(owner.token)
        .json({ role: 'admin' })
      response.assertStatus(404)
    }
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    const victim = await createUserWithToken()
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.put(`/organizations/${id}/members/${victim.user.id}/role`).json({ role: 'owner' })
    )
  })
})

test.group('POST /organizations/:orgId/leave', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.post(`/organizations/${randomUUID()}/leave`)
    response.assertStatus(401)
  })

  test('leaves, clears the active organization and emits org:member_removed', async ({
    client,
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org, 'admin')
    member.user.activeOrganizationId = org.id
    await member.user.save()
    const events = emitter.fake(['org:member_removed'])
    cleanup(() => emitter.restore())

    const response = await client.post(`/organizations/${org.id}/leave`).bearerToken(member.token)
    response.assertStatus(204)
    assert.isNull(await roleOf(org.id, member.user.id))
    const fresh = await User.findOrFail(member.user.id)
    assert.isNull(fresh.activeOrganizationId)
    events.assertEmitted('org:member_removed', ({ data }) => {
      return data.userId === member.user.id && data.reason === 'left'
    })
    const again = await client.get(`/organizations/${org.id}`).bearerToken(member.token)
    again.assertStatus(404)
  })

  test('keeps another active organization', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createUserWithToken()
    const own = await createOrgWith(member.user)
    await addMember(org, member.user, 'member')
    const response = await client.post(`/organizations/${org.id}/leave`).bearerToken(member.token)
    response.assertStatus(204)
    const fresh = await User.findOrFail(member.user.id)
    assert.equal(fresh.activeOrganizationId, own.id)
  })

  test('refuses the last owner, allows an owner when another remains', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const alone = await client.post(`/organizations/${org.id}/leave`).bearerToken(owner.token)
    alone.assertStatus(409)
    alone.assertBodyContains({ errors: [{ code: 'E_LAST_OWNER' }] })
    assert.equal(await roleOf(org.id, owner.user.id), 'owner')

    await createMemberWithToken(org, 'owner')
    const withTwo = await client.post(`/organizations/${org.id}/leave`).bearerToken(owner.token)
    withTwo.assertStatus(204)
    assert.isNull(await roleOf(org.id, owner.user.id))
  })

  test('two owners leaving at once: exactly one succeeds', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const second = await createMemberWithToken(org, 'owner')
    const responses = await Promise.all([
      client.post(`/organizations/${org.id}/leave`).bearerToken(owner.token),
      client.post(`/organizations/${org.id}/leave`).bearerToken(second.token),
    ])
    assert.sameMembers(
      responses.map((r) => r.status()),
      [204, 409]
    )
    const owners = await Membership.query().where('organization_id', org.id).where('role', 'owner')
    assert.lengthOf(owners, 1)
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.post(`/organizations/${id}/leave`)
    )
  })
})
