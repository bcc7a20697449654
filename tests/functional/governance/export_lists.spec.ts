import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { createMemberWithToken } from '#tests/helpers/users'
import { chatOrg, otherOrg } from '#tests/functional/chat/chat_fixtures'

/*
 * The export listings a client follows: an organization's exports (owners)
 * and a user's own data exports, newest first and paged. Rows are written
 * straight into `data_exports` (the builds themselves are tested in
 * exports.spec.ts), each a minute apart so the order is known.
 */

let minute = 0

/** A `data_exports` row, one minute newer than the previous one. */
async function row(
  fields: { kind: 'organization' | 'user'; organizationId?: string; userId?: string },
  status: 'queued' | 'running' | 'ready' | 'failed' | 'expired' = 'queued'
) {
  minute += 1
  const id = randomUUID()
  await db.table('data_exports').insert({
    id,
    kind: fields.kind,
    organization_id: fields.organizationId ?? null,
    user_id: fields.userId ?? null,
    status,
    file_key: status === 'ready' ? `exports/${id}.zip` : null,
    size: status === 'ready' ? 1234 : null,
    error: status === 'failed' ? 'The archive could not be written' : null,
    created_at: new Date(Date.UTC(2026, 11, 4, 9, minute)),
    expires_at: status === 'ready' ? new Date(Date.now() + 3_600_000) : null,
  })
  return id
}

test.group('Export listings', (group) => {
  group.each.setup(() => resetDatabase())

  test("owners list the organization's exports, newest first and paged, with a link only while ready", async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const { org: foreign } = await otherOrg()
    const ofOrg = { kind: 'organization' as const, organizationId: org.id }
    const oldest = await row(ofOrg, 'failed')
    const ready = await row(ofOrg, 'ready')
    await row({ kind: 'organization', organizationId: foreign.id }, 'ready')
    await row({ kind: 'user', userId: alice.user.id })
    const newest = await row(ofOrg, 'running')

    const path = `/organizations/${org.id}/exports`
    const first = await expectStatus(client.get(`${path}?perPage=2`).bearerToken(owner.token), 200)
    assert.deepEqual(
      first.body().data.map((e: { id: string }) => e.id),
      [newest, ready]
    )
    assert.deepEqual(first.body().meta, { total: 3, perPage: 2, currentPage: 1, lastPage: 2 })
    const [running, done] = first.body().data
    assert.isNull(running.download)
    assert.match(done.download.url, new RegExp(`^/exports/${ready}/download\\?signature=`))
    assert.equal(done.size, 1234)

    const second = await expectStatus(
      client.get(`${path}?page=2&perPage=2`).bearerToken(owner.token),
      200
    )
    assert.deepEqual(
      second
        .body()
        .data.map((e: { id: string; status: string; error: string }) => [e.id, e.status, e.error]),
      [[oldest, 'failed', 'The archive could not be written']]
    )
  })

  test('only owners list: admins, moderators and members are 403, other organizations 404, bad paging 422', async ({
    client,
    assert,
  }) => {
    const { org, moderator, alice, owner } = await chatOrg()
    const admin = await createMemberWithToken(org, 'admin')
    const path = `/organizations/${org.id}/exports`
    for (const who of [admin, moderator, alice]) {
      const refused = await expectStatus(client.get(path).bearerToken(who.token), 403)
      assert.equal(refused.body().errors[0].code, 'E_FORBIDDEN')
    }
    await expectStatus(client.get(path), 401)
    await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
      c.get(`/organizations/${orgId}/exports`)
    )
    for (const bad of ['perPage=101', 'page=0', 'page=abc']) {
      const refused = await expectStatus(client.get(`${path}?${bad}`).bearerToken(owner.token), 422)
      assert.equal(refused.body().errors[0].code, 'E_VALIDATION_ERROR', bad)
      assert.equal(refused.body().errors[0].field, bad.split('=')[0], bad)
    }
  })

  test("a user lists only their own data exports, never another user's nor an organization's", async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const first = await row({ kind: 'user', userId: alice.user.id }, 'expired')
    await row({ kind: 'user', userId: bob.user.id })
    await row({ kind: 'organization', organizationId: org.id, userId: alice.user.id })
    const second = await row({ kind: 'user', userId: alice.user.id }, 'ready')

    const mine = await expectStatus(client.get('/users/me/exports').bearerToken(alice.token), 200)
    assert.deepEqual(
      mine.body().data.map((e: { id: string; kind: string }) => [e.id, e.kind]),
      [
        [second, 'user'],
        [first, 'user'],
      ]
    )
    assert.deepEqual(mine.body().meta, { total: 2, perPage: 25, currentPage: 1, lastPage: 1 })
    const theirs = await expectStatus(client.get('/users/me/exports').bearerToken(bob.token), 200)
    assert.lengthOf(theirs.body().data, 1)
    assert.equal(theirs.body().data[0].userId, bob.user.id)
    const none = await expectStatus(client.get('/users/me/exports').bearerToken(owner.token), 200)
    assert.deepEqual(none.body().data, [])
    await expectStatus(client.get('/users/me/exports'), 401)
    const refused = await expectStatus(
      client.get('/users/me/exports?perPage=0').bearerToken(alice.token),
      422
    )
    assert.equal(refused.body().errors[0].field, 'perPage')
  })
})
