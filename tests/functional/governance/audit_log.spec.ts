import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Membership from '#models/membership'
import UpdateMemberRole from '#actions/orgs/update_member_role'
import { actorFor } from '#services/org_context'
import { resetDatabase } from '#tests/helpers/database'
import { createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { chatOrg, otherOrg } from '#tests/functional/chat/chat_fixtures'

/** Sends a request and asserts its status. */
async function expectStatus(request: import('@japa/api-client').ApiRequest, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}

/** The audit rows of an organization, oldest first. */
function entriesOf(orgId: string | null, action?: string) {
  const query = db.from('audit_events').orderBy('id')
  if (orgId) query.where('organization_id', orgId)
  if (action) query.where('action', action)
  return query
}

async function roleOf(orgId: string, userId: string) {
  const row = await Membership.query()
    .where('organization_id', orgId)
    .where('user_id', userId)
    .firstOrFail()
  return row.role
}

test.group('Audit log: recording', (group) => {
  group.each.setup(() => resetDatabase())

  test('a role change is recorded with actor, organization, target, IP, door and time', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const before = Date.now()
    await expectStatus(
      client
        .put(`/organizations/${org.id}/members/${alice.user.id}/role`)
        .bearerToken(owner.token)
        .json({ role: 'admin' }),
      200
    )
    const [entry] = await entriesOf(org.id, 'org.member_role_changed')
    assert.equal(entry.actor_user_id, owner.user.id)
    assert.equal(entry.target_type, 'user')
    assert.equal(entry.target_id, alice.user.id)
    assert.equal(entry.door, 'rest')
    assert.include(['127.0.0.1', '::1', '::ffff:127.0.0.1'], entry.ip)
    assert.deepEqual(entry.details, { role: 'admin', previousRole: 'member' })
    assert.isAtLeast(new Date(entry.created_at).getTime(), before - 1000)
  })

  test('the database refuses to change or delete an entry', async ({ client, assert }) => {
    const { org, owner, alice } = await chatOrg()
    await client
      .put(`/organizations/${org.id}/members/${alice.user.id}/role`)
      .bearerToken(owner.token)
      .json({ role: 'moderator' })
    const [entry] = await entriesOf(org.id)
    await assert.rejects(
      () => db.from('audit_events').where('id', entry.id).update({ action: 'auth.login' }),
      /append-only/
    )
    await assert.rejects(
      () => db.from('audit_events').where('id', entry.id).delete(),
      /append-only/
    )
    const [still] = await entriesOf(org.id)
    assert.equal(still.action, entry.action)
  })

  test('an action rolled back at COMMIT leaves no entry', async ({ assert }) => {
    const { org, owner, alice } = await chatOrg()
    await db.rawQuery(`CREATE OR REPLACE FUNCTION audit_test_refuse() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$ LANGUAGE plpgsql;
      CREATE CONSTRAINT TRIGGER audit_test_refuse AFTER UPDATE ON memberships
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_test_refuse()`)
    try {
      const actor = await actorFor(owner.user, org.id)
      await assert.rejects(
        () => UpdateMemberRole.handle(actor, alice.user.id, 'admin'),
        /commit refused/
      )
    } finally {
      await db.rawQuery(`DROP TRIGGER audit_test_refuse ON memberships;
        DROP FUNCTION audit_test_refuse()`)
    }
    assert.equal(await roleOf(org.id, alice.user.id), 'member')
    assert.lengthOf(await entriesOf(org.id, 'org.member_role_changed'), 0)
  })

  test('an action whose entry cannot be written does not happen', async ({ assert }) => {
    const { org, owner, alice } = await chatOrg()
    await db.rawQuery(`CREATE OR REPLACE FUNCTION audit_test_refuse() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit write refused by the test'; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER audit_test_refuse BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_test_refuse()`)
    try {
      const actor = await actorFor(owner.user, org.id)
      await assert.rejects(
        () => UpdateMemberRole.handle(actor, alice.user.id, 'admin'),
        /audit write refused/
      )
    } finally {
      await db.rawQuery(`DROP TRIGGER audit_test_refuse ON audit_events;
        DROP FUNCTION audit_test_refuse()`)
    }
    assert.equal(await roleOf(org.id, alice.user.id), 'member')
  })

  test('login, failed login and logout are recorded for the account', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithToken()
    await expectStatus(
      client.post('/auth/login').json({ email: user.email, password: 'nope-nope' }),
      401
    )
    await expectStatus(
      client.post('/auth/login').json({ email: 'nobody@example.com', password: 'nope-nope' }),
      401
    )
    const login = await expectStatus(
      client.post('/auth/login').json({ email: user.email, password: TEST_PASSWORD }),
      200
    )
    await expectStatus(client.post('/auth/logout').bearerToken(login.body().data.token), 204)

    const rows = await db
      .from('audit_events')
      .whereIn('action', ['auth.login', 'auth.login_failed', 'auth.logout'])
      .orderBy('id')
    assert.deepEqual(
      rows.map((r) => [r.action, r.actor_user_id, r.target_id]),
      [
        ['auth.login_failed', null, user.id],
        ['auth.login_failed', null, null],
        ['auth.login', user.id, user.id],
        ['auth.logout', user.id, rows[3]?.target_id],
      ]
    )
    assert.deepEqual(rows[1].details, { reason: 'E_INVALID_CREDENTIALS', knownAccount: false })
    assert.notInclude(JSON.stringify(rows), 'nobody@example.com')
    assert.isTrue(rows.every((r) => r.ip !== null && r.organization_id === null))
  })

  test('invites, removals, archives and a moderator’s deletion are recorded', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator, alice, bob } = await chatOrg()
    const as = (token: string) => ({
      'Authorization': `Bearer ${token}`,
      'x-organization-id': org.id,
    })
    const invite = await expectStatus(
      client
        .post(`/organizations/${org.id}/invite`)
        .headers(as(owner.token))
        .json({ email: 'carol@example.com' }),
      201
    )
    await expectStatus(
      client
        .delete(`/organizations/${org.id}/invites/${invite.body().data.id}`)
        .headers(as(owner.token)),
      204
    )
    const room = await expectStatus(
      client
        .post('/chat/rooms/group')
        .headers(as(moderator.token))
        .json({ name: 'general', memberIds: [alice.user.id] }),
      201
    )
    const roomId = room.body().data.id
    const sent = await client
      .post('/chat/messages')
      .headers(as(alice.token))
      .json({ roomId, content: 'hello' })
    const own = await client
      .post('/chat/messages')
      .headers(as(moderator.token))
      .json({ roomId, content: 'mine' })
    await expectStatus(
      client.delete(`/chat/messages/${own.body().data.id}`).headers(as(moderator.token)),
      204
    )
    await expectStatus(
      client.delete(`/chat/messages/${sent.body().data.id}`).headers(as(moderator.token)),
      204
    )
    await expectStatus(
      client.patch(`/chat/rooms/${roomId}`).headers(as(moderator.token)).json({ archived: true }),
      200
    )
    await expectStatus(
      client.delete(`/organizations/${org.id}/members/${bob.user.id}`).headers(as(owner.token)),
      204
    )

    const rows = await entriesOf(org.id)
    assert.deepEqual(
      rows.map((r) => r.action),
      [
        'invite.created',
        'invite.revoked',
        'message.deleted_by_moderator',
        'room.archived',
        'org.member_removed',
      ]
    )
    const deletion = rows[2]
    assert.equal(deletion.actor_user_id, moderator.user.id)
    assert.equal(deletion.target_id, sent.body().data.id)
    assert.equal(deletion.details.senderId, alice.user.id)
    assert.notProperty(deletion.details, 'content')
  })
})

test.group('GET /organizations/:orgId/audit', (group) => {
  group.each.setup(() => resetDatabase())

  async function scene(client: import('@japa/api-client').ApiClient) {
    const fixture = await chatOrg()
    const { org, owner, alice, bob } = fixture
    for (const [user, role] of [
      [alice, 'admin'],
      [bob, 'moderator'],
    ] as const) {
      await expectStatus(
        client
          .put(`/organizations/${org.id}/members/${user.user.id}/role`)
          .bearerToken(owner.token)
          .json({ role }),
        200
      )
    }
    await expectStatus(
      client
        .post(`/organizations/${org.id}/invite`)
        .bearerToken(owner.token)
        .json({ email: 'dave@example.com' }),
      201
    )
    return fixture
  }

  test('requires a token', async ({ client }) => {
    await expectStatus(client.get(`/organizations/${randomUUID()}/audit`), 401)
  })

  test('owners and admins page the entries newest first, with filters', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await scene(client)
    const all = await expectStatus(
      client.get(`/organizations/${org.id}/audit`).bearerToken(alice.token),
      200
    )
    assert.deepEqual(
      all.body().data.map((e: { action: string }) => e.action),
      ['invite.created', 'org.member_role_changed', 'org.member_role_changed']
    )
    assert.deepEqual(all.body().meta, { total: 3, perPage: 50, currentPage: 1, lastPage: 1 })

    const paged = await client
      .get(`/organizations/${org.id}/audit`)
      .qs({ perPage: 2, page: 2 })
      .bearerToken(owner.token)
    assert.lengthOf(paged.body().data, 1)
    assert.equal(paged.body().data[0].targetId, alice.user.id)

    const roles = await client
      .get(`/organizations/${org.id}/audit`)
      .qs({ action: 'org.*', targetId: alice.user.id })
      .bearerToken(owner.token)
    assert.lengthOf(roles.body().data, 1)
    assert.deepEqual(roles.body().data[0].details, { role: 'admin', previousRole: 'member' })

    const byActor = await client
      .get(`/organizations/${org.id}/audit`)
      .qs({ actorId: alice.user.id })
      .bearerToken(owner.token)
    assert.lengthOf(byActor.body().data, 0)

    const future = await client
      .get(`/organizations/${org.id}/audit`)
      .qs({ since: '2999-01-01T00:00:00Z' })
      .bearerToken(owner.token)
    assert.lengthOf(future.body().data, 0)
  })

  test('moderators and members are refused with 403', async ({ client }) => {
    const { org, bob, moderator } = await scene(client)
    for (const token of [bob.token, moderator.token]) {
      await expectStatus(client.get(`/organizations/${org.id}/audit`).bearerToken(token), 403)
    }
  })

  test('rejects malformed filters with 422 naming the field', async ({ client }) => {
    const { org, owner } = await scene(client)
    for (const [field, value] of [
      ['action', 'DROP TABLE'],
      ['since', '2026-13-01T00:00:00Z'],
      ['actorId', 'nope'],
      ['perPage', '1000'],
    ]) {
      const response = await expectStatus(
        client
          .get(`/organizations/${org.id}/audit`)
          .qs({ [field]: value })
          .bearerToken(owner.token),
        422
      )
      response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field }] })
    }
  })

  test('never shows another organization’s entries, and is 404 for it', async ({
    client,
    assert,
  }) => {
    const { org } = await scene(client)
    const { org: other, stranger } = await otherOrg()
    const own = await expectStatus(
      client.get(`/organizations/${other.id}/audit`).bearerToken(stranger.token),
      200
    )
    assert.lengthOf(own.body().data, 0)
    const filtered = await client
      .get(`/organizations/${other.id}/audit`)
      .qs({ targetId: org.id })
      .bearerToken(stranger.token)
    assert.lengthOf(filtered.body().data, 0)
    await assertNotFoundForForeignOrgs(client, assert, (c, id) =>
      c.get(`/organizations/${id}/audit`)
    )
  })
})
