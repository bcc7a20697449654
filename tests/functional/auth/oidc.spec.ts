import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import { signInAt, startOidcProvider } from '#tests/helpers/oidc_provider'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'
import env from '#start/env'
import Membership from '#models/membership'

type Provider = Awaited<ReturnType<typeof startOidcProvider>>

async function authorize(client: any) {
  const response = await expectStatus(client.get('/auth/oidc/authorize'), 200)
  return response.body().data.url as string
}

test.group('Single sign-on with OpenID Connect (real oidc-provider)', (group) => {
  let provider: Provider
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
    provider = await startOidcProvider({
      'sub-ada': { email: 'Ada@Example.com', email_verified: true, preferred_username: 'ada' },
      'sub-eve': { email: 'eve@example.com', email_verified: false },
      'sub-new': { email: 'newbie@corp.test', email_verified: true, name: 'New Bie' },
      'sub-staff': { email: 'staff@else.test', email_verified: true, groups: ['parley-users'] },
      'sub-guest': { email: 'guest@else.test', email_verified: true, groups: ['visitors'] },
    })
    return () => provider.close()
  })

  test('sends the browser to the provider with PKCE (S256), state and nonce', async ({
    client,
    assert,
  }) => {
    const url = new URL(await authorize(client))
    assert.equal(url.origin, provider.issuer)
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256')
    assert.match(url.searchParams.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/)
    assert.isString(url.searchParams.get('state'))
    assert.isString(url.searchParams.get('nonce'))
    assert.equal(url.searchParams.get('client_id'), 'parley')
  })

  test('links an existing account by verified email, then by subject', async ({
    client,
    assert,
  }) => {
    const ada = await createUserWithToken({ email: 'ada@example.com', username: 'ada' })
    const params = await signInAt(await authorize(client), 'sub-ada')
    const login = await expectStatus(client.post('/auth/oidc/callback').json(params), 200)
    assert.equal(login.body().data.user.id, ada.user.id)
    await expectStatus(client.get('/users/me').bearerToken(login.body().data.token), 200)
    const linked = await db.from('user_identities').select('user_id', 'subject', 'issuer')
    assert.deepEqual(linked, [
      { user_id: ada.user.id, subject: 'sub-ada', issuer: provider.issuer },
    ])

    const replay = await client.post('/auth/oidc/callback').json(params)
    replay.assertStatus(401)
    replay.assertBodyContains({ errors: [{ code: 'E_OIDC_FAILED' }] })

    await User.query().where('id', ada.user.id).update({ email: 'ada@elsewhere.test' })
    const again = await signInAt(await authorize(client), 'sub-ada')
    const second = await expectStatus(client.post('/auth/oidc/callback').json(again), 200)
    assert.equal(second.body().data.user.id, ada.user.id)
  })

  test('provisions a new, verified account even on an invite-only server', async ({
    client,
    assert,
  }) => {
    await createUserWithToken()
    const params = await signInAt(await authorize(client), 'sub-new')
    const login = await expectStatus(client.post('/auth/oidc/callback').json(params), 200)
    const user = login.body().data.user
    assert.equal(user.email, 'newbie@corp.test')
    assert.equal(user.displayName, 'New Bie')
    assert.isTrue(user.emailVerified)
    assert.isFalse(user.isAdmin)
  })

  test('an unverified email neither matches nor creates an account', async ({ client, assert }) => {
    const eve = await createUserWithToken({ email: 'eve@example.com' })
    const params = await signInAt(await authorize(client), 'sub-eve')
    const refused = await client.post('/auth/oidc/callback').json(params)
    refused.assertStatus(401)
    refused.assertBodyContains({ errors: [{ code: 'E_OIDC_EMAIL_UNVERIFIED' }] })
    assert.lengthOf(await db.from('user_identities'), 0)
    assert.lengthOf(await User.query().whereNot('id', eve.user.id), 0)
  })

  test('a forged or altered state is refused before any token request', async ({ client }) => {
    const params = await signInAt(await authorize(client), 'sub-ada')
    const forged = await client
      .post('/auth/oidc/callback')
      .json({ ...params, state: `${params.state.slice(0, -2)}xx` })
    forged.assertStatus(401)
    forged.assertBodyContains({ errors: [{ code: 'E_OIDC_FAILED' }] })
  })

  test('successful and failed SSO logins are audited like password logins', async ({
    client,
    assert,
  }) => {
    const ada = await createUserWithToken({ email: 'ada@example.com', username: 'ada' })
    await createUserWithToken({ email: 'eve@example.com' })
    const params = await signInAt(await authorize(client), 'sub-ada')
    await expectStatus(client.post('/auth/oidc/callback').json(params), 200)
    const unverified = await signInAt(await authorize(client), 'sub-eve')
    await expectStatus(client.post('/auth/oidc/callback').json(unverified), 401)
    const forged = await signInAt(await authorize(client), 'sub-ada')
    await expectStatus(
      client.post('/auth/oidc/callback').json({ ...forged, state: `${forged.state}x` }),
      401
    )
    await db.from('users').where('id', ada.user.id).update({ deactivated_at: new Date() })
    const deactivated = await signInAt(await authorize(client), 'sub-ada')
    await expectStatus(client.post('/auth/oidc/callback').json(deactivated), 401)

    const entries = await db
      .from('audit_events')
      .whereIn('action', ['auth.login', 'auth.login_failed'])
      .orderBy('id')
      .select('action', 'actor_user_id', 'target_id', 'details', 'ip', 'door')
    assert.deepEqual(
      entries.map((e) => [e.action, e.actor_user_id, e.target_id, e.details]),
      [
        ['auth.login', ada.user.id, ada.user.id, { method: 'oidc' }],
        [
          'auth.login_failed',
          null,
          null,
          { method: 'oidc', reason: 'E_OIDC_EMAIL_UNVERIFIED', knownAccount: false },
        ],
        [
          'auth.login_failed',
          null,
          null,
          { method: 'oidc', reason: 'E_OIDC_FAILED', knownAccount: false },
        ],
        [
          'auth.login_failed',
          null,
          ada.user.id,
          { method: 'oidc', reason: 'E_UNAUTHORIZED', knownAccount: true },
        ],
      ]
    )
    for (const entry of entries) {
      assert.isString(entry.ip)
      assert.equal(entry.door, 'rest')
    }
  })

  test('joins the configured organization by email domain or group claim, once', async ({
    client,
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user, { name: 'Acme', slug: 'acme' })
    env.set('OIDC_JOIN_ORGANIZATION', 'acme')
    env.set('OIDC_JOIN_DOMAINS', 'corp.test, acme.test')
    env.set('OIDC_JOIN_GROUP', 'parley-users')
    cleanup(() => {
      for (const key of ['OIDC_JOIN_ORGANIZATION', 'OIDC_JOIN_DOMAINS', 'OIDC_JOIN_GROUP']) {
        env.set(key, '')
      }
    })
    const memberIds = async () => {
      const rows = await Membership.query().where('organization_id', org.id)
      return rows.map((row) => row.userId)
    }
    const signIn = async (sub: string) => {
      const params = await signInAt(await authorize(client), sub)
      const login = await expectStatus(client.post('/auth/oidc/callback').json(params), 200)
      return login.body().data.user.id as string
    }

    const byDomain = await signIn('sub-new')
    const byGroup = await signIn('sub-staff')
    const guest = await signIn('sub-guest')
    assert.sameMembers(await memberIds(), [owner.user.id, byDomain, byGroup])
    assert.notInclude(await memberIds(), guest)
    await signIn('sub-new')
    assert.lengthOf(await memberIds(), 3)
  })

  test('is 404 E_OIDC_NOT_CONFIGURED when single sign-on is off', async ({ client }) => {
    await provider.close()
    provider = { issuer: '', close: async () => {} }
    const off = await client.get('/auth/oidc/authorize')
    off.assertStatus(404)
    off.assertBodyContains({ errors: [{ code: 'E_OIDC_NOT_CONFIGURED' }] })
  })
})
