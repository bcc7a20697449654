import env from '#start/env'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import User from '#models/user'
import Invite from '#models/invite'
import Organization from '#models/organization'
import Membership, { type Role } from '#models/membership'
import { LogTransport } from '#services/log_mail_transport'
import { hashInviteToken } from '#actions/invites/invite_token'
import { resetDatabase } from '#tests/helpers/database'
import {
  createMemberWithToken,
  createOrgWith,
  createUserWithToken,
  type UserWithToken,
} from '#tests/helpers/users'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import type { ApiClient } from '@japa/api-client'

/** Invites `email` into `orgId` as `inviter` and returns the response. */
function invite(client: ApiClient, inviter: UserWithToken, orgId: string, body: object) {
  return client.post(`/organizations/${orgId}/invite`).bearerToken(inviter.token).json(body)
}

function accept(client: ApiClient, user: UserWithToken, token: string) {
  return client.post(`/organizations/accept-invite/${token}`).bearerToken(user.token)
}

test.group('POST /organizations/:orgId/invite', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.setup(() => {
    LogTransport.sent = []
  })

  test('requires a token', async ({ client }) => {
    const response = await client
      .post(`/organizations/${randomUUID()}/invite`)
      .json({ email: 'a@example.com' })
    response.assertStatus(401)
  })

  test('without SMTP creates the invite, logs the mail as not sent and returns the link to pass on', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken({ displayName: 'Olivia <b>' })
    const org = await createOrgWith(owner.user, { name: 'Acme & Co' })
    const response = await invite(client, owner, org.id, {
      email: 'New@Example.com',
      role: 'admin',
    })
    response.assertStatus(201)
    const data = response.body().data
    assert.equal(data.email, 'new@example.com')
    assert.equal(data.role, 'admin')
    assert.equal(data.status, 'pending')
    assert.equal(data.invitedById, owner.user.id)
    assert.isFalse(data.emailSent)
    assert.deepEqual(data.mail, { status: 'logged', attempts: 0, lastError: null, sentAt: null })
    assert.match(data.token, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(data.link, `http://localhost:${env.get('PORT')}/invites/${data.token}`)
    const days = DateTime.fromISO(data.expiresAt).diffNow('days').days
    assert.isAbove(days, 6.99)
    assert.isBelow(days, 7.01)

    assert.lengthOf(LogTransport.sent, 1)
    const mail = LogTransport.sent[0]
    assert.equal(String(mail.to), 'new@example.com')
    assert.include(String(mail.subject), 'Acme & Co')
    assert.include(String(mail.text), data.link)
    assert.include(String(mail.html), data.link)
    assert.include(String(mail.html), 'Acme &amp; Co')
    assert.include(String(mail.html), 'Olivia &lt;b&gt;')
  })

  test('stores only the sha256 of the token', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const response = await invite(client, owner, org.id, { email: 'x@example.com' })
    const token = response.body().data.token as string
    const rows = await db.from('invites').where('organization_id', org.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].token_hash, hashInviteToken(token))
    assert.notInclude(JSON.stringify(rows), token)
  })

  test('rejects a bad email and an unknown role', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const cases: [object, string][] = [
      [{}, 'email'],
      [{ email: 'not-an-email' }, 'email'],
      [{ email: { a: 1 } }, 'email'],
      [{ email: 'a@example.com', role: 'king' }, 'role'],
    ]
    for (const [body, field] of cases) {
      const response = await invite(client, owner, org.id, body)
      assert.equal(response.status(), 422, JSON.stringify(body))
      assert.deepInclude(response.body().errors[0], { code: 'E_VALIDATION_ERROR', field })
    }
    assert.lengthOf(LogTransport.sent, 0)
  })

  test('follows the matrix: nobody invites above their own role', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const cases: [Role, Role, number][] = [
      ['owner', 'owner', 201],
      ['admin', 'owner', 403],
      ['admin', 'admin', 201],
      ['moderator', 'admin', 403],
      ['moderator', 'moderator', 201],
      ['moderator', 'member', 201],
      ['member', 'member', 403],
    ]
    for (const [actorRole, role, status] of cases) {
      const actor = await createMemberWithToken(org, actorRole)
      const email = `${actorRole}-${role}@example.com`
      const response = await invite(client, actor, org.id, { email, role })
      assert.equal(response.status(), status, `${actorRole} inviting a ${role}`)
      const stored = await Invite.query().where('email', email)
      assert.lengthOf(stored, status === 201 ? 1 : 0)
    }
  })

  test('re-inviting a pending email replaces the old invite', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const invitee = await createUserWithToken({ email: 'again@example.com' })
    const first = await invite(client, owner, org.id, { email: 'again@example.com' })
    const second = await invite(client, owner, org.id, {
      email: 'again@example.com',
      role: 'moderator',
    })
    second.assertStatus(201)

    const pending = await Invite.query().where('email', 'again@example.com').whereNull('revoked_at')
    assert.lengthOf(pending, 1)
    assert.equal(pending[0].id, second.body().data.id)

    const old = await accept(client, invitee, first.body().data.token)
    old.assertStatus(404)
    const current = await accept(client, invitee, second.body().data.token)
    current.assertStatus(200)
    assert.equal(current.body().data.role, 'moderator')
  })

  test('is 409 for an existing member', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org, 'member')
    const response = await invite(client, owner, org.id, { email: member.user.email.toUpperCase() })
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_ALREADY_MEMBER' }] })
    assert.lengthOf(LogTransport.sent, 0)
  })

  test('is 409 when the organization is full', async ({ client }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    org.settings = { ...org.settings, maxMembers: 1 }
    await org.save()
    const response = await invite(client, owner, org.id, { email: 'late@example.com' })
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_ORGANIZATION_FULL' }] })
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.post(`/organizations/${id}/invite`).json({ email: 'x@example.com' })
    )
    assert.lengthOf(LogTransport.sent, 0)
  })
})

test.group('POST /organizations/accept-invite/:token', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.setup(() => {
    LogTransport.sent = []
  })

  test('requires a token', async ({ client }) => {
    const response = await client.post('/organizations/accept-invite/whatever')
    response.assertStatus(401)
  })

  test('the whole flow: register, create, invite, mail, accept, member', async ({
    client,
    assert,
    cleanup,
  }) => {
    const register = async (email: string, username: string) => {
      const response = await client
        .post('/auth/register')
        .json({ email, username, password: 'a strong passphrase' })
      response.assertStatus(201)
      return response.body().data.token as string
    }
    const ownerToken = await register('owner@example.com', 'owner')
    const created = await client
      .post('/organizations')
      .bearerToken(ownerToken)
      .json({ name: 'Acme' })
    const orgId = created.body().data.id as string
    const invited = await client
      .post(`/organizations/${orgId}/invite`)
      .bearerToken(ownerToken)
      .json({ email: 'bob@example.com', role: 'moderator' })
    invited.assertStatus(201)

    const mail = LogTransport.sent.find((m) => String(m.to) === 'bob@example.com')!
    const link = /http:\/\/\S+\/invites\/([A-Za-z0-9_-]+)/.exec(String(mail.text))!
    assert.equal(link[0], invited.body().data.link)

    const bobToken = await register('bob@example.com', 'bob')
    const events = emitter.fake(['org:member_added'])
    cleanup(() => emitter.restore())
    const accepted = await client
      .post(`/organizations/accept-invite/${link[1]}`)
      .bearerToken(bobToken)
    accepted.assertStatus(200)
    assert.equal(accepted.body().data.id, orgId)
    assert.equal(accepted.body().data.role, 'moderator')

    const bob = await User.findByOrFail('email', 'bob@example.com')
    const membership = await Membership.query()
      .where('organization_id', orgId)
      .where('user_id', bob.id)
      .firstOrFail()
    assert.equal(membership.role, 'moderator')
    assert.equal(bob.activeOrganizationId, orgId)
    const row = await Invite.findByOrFail('email', 'bob@example.com')
    assert.isNotNull(row.acceptedAt)
    assert.equal(row.acceptedById, bob.id)
    events.assertEmitted('org:member_added', ({ data }) => {
      return data.userId === bob.id && data.organizationId === orgId && data.role === 'moderator'
    })

    const members = await client.get(`/organizations/${orgId}/members`).bearerToken(bobToken)
    members.assertStatus(200)
    assert.equal(members.body().meta.total, 2)
  })

  test('keeps an existing active organization', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const invitee = await createUserWithToken()
    const own = await createOrgWith(invitee.user)
    const sent = await invite(client, owner, org.id, { email: invitee.user.email })
    const response = await accept(client, invitee, sent.body().data.token)
    response.assertStatus(200)
    const fresh = await User.findOrFail(invitee.user.id)
    assert.equal(fresh.activeOrganizationId, own.id)
  })

  test('is 404 for a user with another email, without using the invite', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const sent = await invite(client, owner, org.id, { email: 'right@example.com' })
    const wrong = await createUserWithToken({ email: 'wrong@example.com' })
    const response = await accept(client, wrong, sent.body().data.token)
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    const members = await Membership.query().where('organization_id', org.id)
    assert.lengthOf(members, 1)

    const right = await createUserWithToken({ email: 'right@example.com' })
    const ok = await accept(client, right, sent.body().data.token)
    ok.assertStatus(200)
  })

  test('works once: the second accept is 409 E_INVITE_ALREADY_USED', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const invitee = await createUserWithToken()
    const sent = await invite(client, owner, org.id, { email: invitee.user.email })
    const token = sent.body().data.token as string
    const first = await accept(client, invitee, token)
    first.assertStatus(200)
    const second = await accept(client, invitee, token)
    second.assertStatus(409)
    second.assertBodyContains({ errors: [{ code: 'E_INVITE_ALREADY_USED' }] })
    const members = await Membership.query().where('organization_id', org.id)
    assert.lengthOf(members, 2)
  })

  test('two accepts at once create one membership', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const invitee = await createUserWithToken()
    const sent = await invite(client, owner, org.id, { email: invitee.user.email })
    const token = sent.body().data.token as string
    const responses = await Promise.all([
      accept(client, invitee, token),
      accept(client, invitee, token),
    ])
    assert.sameMembers(
      responses.map((r) => r.status()),
      [200, 409]
    )
    const members = await Membership.query().where('organization_id', org.id)
    assert.lengthOf(members, 2)
  })

  test('is 404 E_INVITE_EXPIRED once expired', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const invitee = await createUserWithToken()
    const sent = await invite(client, owner, org.id, { email: invitee.user.email })
    const row = await Invite.findOrFail(sent.body().data.id)
    row.expiresAt = DateTime.now().minus({ minutes: 1 })
    await row.save()
    const response = await accept(client, invitee, sent.body().data.token)
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_INVITE_EXPIRED' }] })
    const members = await Membership.query().where('organization_id', org.id)
    assert.lengthOf(members, 1)
  })

  test('is 404 for an unknown token', async ({ client }) => {
    const user = await createUserWithToken()
    for (const token of ['x', 'A'.repeat(43), '%20']) {
      const response = await accept(client, user, token)
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })

  test('is 409 when the organization filled up after the invite', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const invitee = await createUserWithToken()
    const sent = await invite(client, owner, org.id, { email: invitee.user.email })
    const fresh = await Organization.findOrFail(org.id)
    fresh.settings = { ...fresh.settings, maxMembers: 1 }
    await fresh.save()
    const response = await accept(client, invitee, sent.body().data.token)
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_ORGANIZATION_FULL' }] })
    const row = await Invite.findOrFail(sent.body().data.id)
    assert.isNull(row.acceptedAt)
  })
})

test.group('GET /organizations/:orgId/invites', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get(`/organizations/${randomUUID()}/invites`)
    response.assertStatus(401)
  })

  test('lists pending invites without tokens, newest first', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const accepted = await createUserWithToken()
    const used = await invite(client, owner, org.id, { email: accepted.user.email })
    await accept(client, accepted, used.body().data.token)
    await invite(client, owner, org.id, { email: 'one@example.com' })
    await invite(client, owner, org.id, { email: 'two@example.com' })
    const moderator = await createMemberWithToken(org, 'moderator')

    const response = await client
      .get(`/organizations/${org.id}/invites`)
      .bearerToken(moderator.token)
    response.assertStatus(200)
    const rows = response.body().data as Record<string, unknown>[]
    assert.sameMembers(
      rows.map((r) => r.email),
      ['one@example.com', 'two@example.com']
    )
    for (const row of rows) {
      assert.notProperty(row, 'token')
      assert.notProperty(row, 'tokenHash')
      assert.equal(row.status, 'pending')
    }
  })

  test('is 403 for members', async ({ client }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org, 'member')
    const response = await client.get(`/organizations/${org.id}/invites`).bearerToken(member.token)
    response.assertStatus(403)
    response.assertBodyContains({ errors: [{ code: 'E_FORBIDDEN' }] })
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.get(`/organizations/${id}/invites`)
    )
  })
})

test.group('DELETE /organizations/:orgId/invites/:inviteId', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.delete(`/organizations/${randomUUID()}/invites/${randomUUID()}`)
    response.assertStatus(401)
  })

  test('revokes an invite so its link stops working', async ({ client, assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const invitee = await createUserWithToken()
    const sent = await invite(client, owner, org.id, { email: invitee.user.email })
    const response = await client
      .delete(`/organizations/${org.id}/invites/${sent.body().data.id}`)
      .bearerToken(owner.token)
    response.assertStatus(204)
    const row = await Invite.findOrFail(sent.body().data.id)
    assert.isNotNull(row.revokedAt)
    const late = await accept(client, invitee, sent.body().data.token)
    late.assertStatus(404)
    const again = await client
      .delete(`/organizations/${org.id}/invites/${sent.body().data.id}`)
      .bearerToken(owner.token)
    again.assertStatus(404)
  })

  test('follows the matrix: only up to your own role, never for members', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const cases: [Role, Role, number][] = [
      ['moderator', 'admin', 403],
      ['moderator', 'member', 204],
      ['admin', 'admin', 204],
      ['member', 'member', 403],
    ]
    for (const [actorRole, role, status] of cases) {
      const sent = await invite(client, owner, org.id, {
        email: `${actorRole}-${role}@e.com`,
        role,
      })
      const actor = await createMemberWithToken(org, actorRole)
      const response = await client
        .delete(`/organizations/${org.id}/invites/${sent.body().data.id}`)
        .bearerToken(actor.token)
      assert.equal(response.status(), status, `${actorRole} revoking a ${role} invite`)
    }
  })

  test('is 404 for an invite of another organization, a random uuid and a non-uuid', async ({
    client,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const other = await createUserWithToken()
    const otherOrg = await createOrgWith(other.user)
    const foreign = await invite(client, other, otherOrg.id, { email: 'f@example.com' })
    for (const inviteId of [foreign.body().data.id, randomUUID(), 'abc']) {
      const response = await client
        .delete(`/organizations/${org.id}/invites/${inviteId}`)
        .bearerToken(owner.token)
      response.assertStatus(404)
    }
  })

  test('is 404 for another organization, a random uuid and a non-uuid', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.delete(`/organizations/${id}/invites/${randomUUID()}`)
    )
  })
})
