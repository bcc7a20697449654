import { test } from '@japa/runner'
import { expectStatus } from '#tests/helpers/requests'
import User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { setSignupPolicy } from '#tests/helpers/signup'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'

const PASSWORD = 'correct horse battery'

function account(name: string, domain = 'example.com') {
  return { email: `${name}@${domain}`, username: name, password: PASSWORD }
}

test.group('Signup policy: who may register', (group) => {
  group.each.setup(() => resetDatabase())

  test('the first account of a server registers and becomes its admin; then it is invite-only', async ({
    client,
    assert,
  }) => {
    const first = await client.post('/auth/register').json(account('alice'))
    first.assertStatus(201)
    assert.isTrue(first.body().data.user.isAdmin)

    const second = await client.post('/auth/register').json(account('bob'))
    second.assertStatus(403)
    second.assertBody({
      errors: [{ code: 'E_SIGNUP_CLOSED', message: 'Registration is by invitation only' }],
    })
    assert.isNull(await User.findBy('email', 'bob@example.com'))
  })

  test('two registrations racing on an empty server make one admin, not two', async ({
    client,
    assert,
  }) => {
    const answers = await Promise.all(
      ['alice', 'bob', 'carol', 'dave'].map((name) =>
        client.post('/auth/register').json(account(name))
      )
    )
    assert.sameMembers(
      answers.map((answer) => answer.status()),
      [201, 403, 403, 403]
    )
    const admins = await User.query().where('is_admin', true)
    assert.lengthOf(admins, 1)
  })

  test('an address with a pending invite may register; a revoked or used one may not', async ({
    client,
  }) => {
    const { user: owner, token } = await createUserWithToken()
    const org = await createOrgWith(owner)
    const invite = await client
      .post(`/organizations/${org.id}/invite`)
      .bearerToken(token)
      .json({ email: 'bob@example.com' })
    invite.assertStatus(201)
    await client
      .post(`/organizations/${org.id}/invite`)
      .bearerToken(token)
      .json({ email: 'carol@example.com' })
      .then((r) => r.assertStatus(201))
    const pending = await client.get(`/organizations/${org.id}/invites`).bearerToken(token)
    const carolInvite = pending
      .body()
      .data.find((i: { email: string }) => i.email === 'carol@example.com')
    await client
      .delete(`/organizations/${org.id}/invites/${carolInvite.id}`)
      .bearerToken(token)
      .then((r) => r.assertStatus(204))

    const bob = await client.post('/auth/register').json(account('bob'))
    bob.assertStatus(201)
    const carol = await client.post('/auth/register').json(account('carol'))
    carol.assertStatus(403)
    carol.assertBodyContains({ errors: [{ code: 'E_SIGNUP_CLOSED' }] })
  })

  test('open lets anyone register; domains only the listed domains', async ({ client }) => {
    await createUserWithToken()
    await setSignupPolicy({ mode: 'open' })
    await expectStatus(client.post('/auth/register').json(account('bob', 'anywhere.test')), 201)

    await setSignupPolicy({ mode: 'domains', allowedDomains: ['acme.test'] })
    await expectStatus(client.post('/auth/register').json(account('carol', 'acme.test')), 201)
    const outsider = await client.post('/auth/register').json(account('dave', 'evil.test'))
    outsider.assertStatus(403)
    outsider.assertBody({
      errors: [
        {
          code: 'E_SIGNUP_CLOSED',
          message: 'Registration is open to invited addresses and allowed email domains only',
        },
      ],
    })
    const lookalike = await client.post('/auth/register').json(account('erin', 'evilacme.test'))
    lookalike.assertStatus(403)
  })
})

test.group('Signup policy: who may create organizations', (group) => {
  group.each.setup(() => resetDatabase())

  test('by default only accounts with a verified address (and admins) create organizations', async ({
    client,
    assert,
  }) => {
    const admin = await client.post('/auth/register').json(account('root'))
    const adminToken = admin.body().data.token
    await setSignupPolicy({ mode: 'open' })
    const fresh = await client.post('/auth/register').json(account('bob'))
    const refused = await client
      .post('/organizations')
      .bearerToken(fresh.body().data.token)
      .json({ name: 'Bob Inc' })
    refused.assertStatus(403)
    refused.assertBody({
      errors: [
        {
          code: 'E_ORGANIZATION_CREATION_RESTRICTED',
          message: 'Verify your email address before creating an organization',
        },
      ],
    })

    const verified = await createUserWithToken()
    const created = await client
      .post('/organizations')
      .bearerToken(verified.token)
      .json({ name: 'Verified Inc' })
    created.assertStatus(201)
    const byAdmin = await client
      .post('/organizations')
      .bearerToken(adminToken)
      .json({ name: 'Root Inc' })
    byAdmin.assertStatus(201)
    assert.equal(byAdmin.body().data.role, 'owner')
  })

  test('admins: only server admins; anyone: every account', async ({ client }) => {
    const verified = await createUserWithToken()
    await setSignupPolicy({ organizationCreators: 'admins' })
    const refused = await client
      .post('/organizations')
      .bearerToken(verified.token)
      .json({ name: 'Nope' })
    refused.assertStatus(403)
    refused.assertBody({
      errors: [
        {
          code: 'E_ORGANIZATION_CREATION_RESTRICTED',
          message: 'Only server admins may create organizations',
        },
      ],
    })

    await setSignupPolicy({ mode: 'open', organizationCreators: 'anyone' })
    const fresh = await client.post('/auth/register').json(account('newbie'))
    const created = await client
      .post('/organizations')
      .bearerToken(fresh.body().data.token)
      .json({ name: 'Newbie Inc' })
    created.assertStatus(201)
  })
})
