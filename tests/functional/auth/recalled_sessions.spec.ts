import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import Membership from '#models/membership'
import Organization from '#models/organization'
import { forgetSessions } from '#services/request_sessions'
import { expectStatus } from '#tests/helpers/requests'
import { resetDatabase } from '#tests/helpers/database'
import { recordStatements } from '#tests/helpers/query_counter'
import type { UserWithToken } from '#tests/helpers/users'
import { as, chatOrg, groupRoom, otherOrg, send } from '../chat/chat_fixtures.js'

/*
 * A history page recalls a session this node read lately instead of reading
 * it again (app/services/request_sessions.ts), and its one statement proves
 * the session (app/domain/auth/session_proof.ts). Every change below is made
 * straight in the database, with no event: as another node, or a lost
 * message, would leave this node's memo. The page after it must still be
 * refused, with the fresh read's own status.
 */

/** A member with a warm, recalled session on a room's history, and the page request. */
async function recalled(client: ApiClient) {
  const { org, owner, alice } = await chatOrg()
  const room = await groupRoom(org, owner, [alice])
  await send(org, owner, room.id, 'hello')
  const page = (who: UserWithToken = alice, url = `/chat/rooms/${room.id}/messages`) =>
    as(client, who, org, 'get', url)
  const warm = await page()
  warm.assertStatus(200)
  const stop = recordStatements()
  const again = await page()
  const statements = stop()
  again.assertStatus(200)
  if (statements.length !== 1) throw new Error(`not recalled:\n${statements.join('\n')}`)
  return { org, owner, alice, room, page }
}

const tokenIdOf = (token: string) =>
  Buffer.from(token.slice('plr_'.length).split('.')[0], 'base64url').toString()

test.group('Recalled sessions on history pages', (group) => {
  group.each.setup(() => resetDatabase())

  test('a warm page is one statement, and its body is the fresh read’s', async ({
    client,
    assert,
  }) => {
    const { page } = await recalled(client)
    const warm = await page()
    warm.assertStatus(200)
    assert.equal(warm.body().data[0].content, 'hello')
    forgetSessions()
    const stop = recordStatements()
    const fresh = await page()
    assert.isAbove(stop().length, 1)
    assert.deepEqual(warm.body(), fresh.body())
  })

  test('a token deleted on another node is 401 on the next page', async ({ client }) => {
    const { alice, page } = await recalled(client)
    await db.from('auth_access_tokens').where('id', tokenIdOf(alice.token)).delete()
    const response = await page()
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('an expired token is 401 on the next page', async ({ client }) => {
    const { alice, page } = await recalled(client)
    await db
      .from('auth_access_tokens')
      .where('id', tokenIdOf(alice.token))
      .update({ expires_at: new Date(Date.now() - 1000) })
    await expectStatus(page(), 401)
  })

  test('a deactivated account is 401 on the next page', async ({ client }) => {
    const { alice, page } = await recalled(client)
    await User.query().where('id', alice.user.id).update({ deactivatedAt: new Date() })
    await expectStatus(page(), 401)
  })

  test('a member removed from the organization is 404 on the next page', async ({ client }) => {
    const { org, alice, page } = await recalled(client)
    await Membership.query()
      .where('user_id', alice.user.id)
      .where('organization_id', org.id)
      .delete()
    await expectStatus(page(), 404)
  })

  test('an organization that starts requiring two-factor is 403 on the next page', async ({
    client,
  }) => {
    const { org, page } = await recalled(client)
    await Organization.query()
      .where('id', org.id)
      .update({ settings: JSON.stringify({ requireTwoFactor: true }) })
    const response = await page()
    response.assertStatus(403)
    response.assertBodyContains({ errors: [{ code: 'E_TWO_FACTOR_REQUIRED' }] })
  })

  test('the right token id with a wrong secret is 401, even while the right one is recalled', async ({
    client,
  }) => {
    const { org, alice, room, page } = await recalled(client)
    const [id] = alice.token.split('.')
    const forged = { user: alice.user, token: `${id}.${'A'.repeat(40)}` }
    await expectStatus(page(forged), 401)
    await expectStatus(page(), 200)
    const other = await as(client, forged, org, 'get', `/chat/rooms/${room.id}/messages`)
    other.assertStatus(401)
  })

  test('bad input on an ended session is 401, not a validation error', async ({ client }) => {
    const { alice, room, page } = await recalled(client)
    await db.from('auth_access_tokens').where('id', tokenIdOf(alice.token)).delete()
    await expectStatus(page(alice, `/chat/rooms/${room.id}/messages?limit=nope`), 401)
  })

  test('without x-organization-id, a new active organization moves the next page there', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    await User.query().where('id', alice.user.id).update({ activeOrganizationId: org.id })
    const page = () => client.get(`/chat/rooms/${room.id}/messages`).bearerToken(alice.token).send()
    await expectStatus(page(), 200)
    const stop = recordStatements()
    await expectStatus(page(), 200)
    assert.lengthOf(stop(), 1)
    const { org: elsewhere, stranger } = await otherOrg()
    await Membership.create({ organizationId: elsewhere.id, userId: alice.user.id, role: 'member' })
    await User.query().where('id', alice.user.id).update({ activeOrganizationId: elsewhere.id })
    const moved = await page()
    moved.assertStatus(404)
    const theirs = await groupRoom(elsewhere, stranger, [alice])
    const there = await client
      .get(`/chat/rooms/${theirs.id}/messages`)
      .bearerToken(alice.token)
      .send()
    there.assertStatus(200)
  })

  test('another organization’s room stays 404 on a recalled session', async ({ client }) => {
    const { alice, page } = await recalled(client)
    const { org: elsewhere, stranger } = await otherOrg()
    const theirs = await groupRoom(elsewhere, stranger, [])
    await expectStatus(page(alice, `/chat/rooms/${theirs.id}/messages`), 404)
    await expectStatus(
      as(client, alice, elsewhere, 'get', `/chat/rooms/${theirs.id}/messages`),
      404
    )
    await expectStatus(page(), 200)
  })
})
