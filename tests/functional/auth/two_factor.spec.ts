import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import { base32Decode, hotp, stepAt } from '#domain/auth/totp'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import {
  createMemberWithToken,
  createOrgWith,
  createUserWithToken,
  TEST_PASSWORD,
  type UserWithToken,
} from '#tests/helpers/users'

/** The code an authenticator app shows for `secret`, `offset` steps from now. */
function codeFor(secret: string, offset = 0) {
  return codeAt(secret, stepAt(Date.now()) + offset)
}

/**
 * The code of one given time step. A replay must send the very code that
 * was used: recomputing it "for now" may land on the next step when the
 * clock crosses a 30-second boundary between two requests.
 */
function codeAt(secret: string, step: number) {
  return hotp(base32Decode(secret), step)
}

/** Sets up and turns on 2FA through the API; answers the secret and recovery codes. */
async function enable(client: any, who: UserWithToken) {
  const setup = await expectStatus(client.post('/auth/2fa/setup').bearerToken(who.token), 200)
  const { secret, otpauthUrl } = setup.body().data
  const enabledStep = stepAt(Date.now())
  const enabled = await expectStatus(
    client
      .post('/auth/2fa/enable')
      .bearerToken(who.token)
      .json({ code: codeAt(secret, enabledStep) }),
    200
  )
  const recoveryCodes = enabled.body().data.recoveryCodes as string[]
  return { secret, otpauthUrl, recoveryCodes, enabledStep }
}

function login(client: any, email: string, code?: string) {
  return client.post('/auth/login').json({ email, password: TEST_PASSWORD, code })
}

test.group('Two-factor authentication (TOTP)', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
  })

  test('needs a session', async ({ client }) => {
    await expectStatus(client.get('/auth/2fa'), 401)
    await expectStatus(client.post('/auth/2fa/setup'), 401)
    await expectStatus(client.post('/auth/2fa/enable').json({ code: '123456' }), 401)
    await expectStatus(client.post('/auth/2fa/disable').json({ code: '123456' }), 401)
    await expectStatus(client.post('/auth/2fa/recovery-codes').json({ code: '123456' }), 401)
  })

  test('setup, then a current code turns it on; the secret and codes are stored sealed', async ({
    client,
    assert,
  }) => {
    const who = await createUserWithToken()
    const { secret, otpauthUrl, recoveryCodes } = await enable(client, who)
    assert.match(secret, /^[A-Z2-7]{32}$/)
    assert.include(otpauthUrl, `secret=${secret}`)
    assert.lengthOf(recoveryCodes, 10)
    assert.lengthOf(new Set(recoveryCodes), 10)

    const row = await db.from('users').where('id', who.user.id).first()
    assert.notInclude(row.two_factor_secret, secret)
    const hashes = await db.from('user_recovery_codes').where('user_id', who.user.id)
    assert.lengthOf(hashes, 10)
    for (const code of recoveryCodes) {
      assert.notInclude(JSON.stringify(hashes), code.replace('-', ''))
    }
    const status = await expectStatus(client.get('/auth/2fa').bearerToken(who.token), 200)
    assert.deepInclude(status.body().data, { enabled: true, recoveryCodesLeft: 10 })
    const me = await expectStatus(client.get('/users/me').bearerToken(who.token), 200)
    assert.isTrue(me.body().data.twoFactorEnabled)
    await expectStatus(client.post('/auth/2fa/setup').bearerToken(who.token), 409)
  })

  test('a wrong code does not turn it on', async ({ client, assert }) => {
    const who = await createUserWithToken()
    const setup = await client.post('/auth/2fa/setup').bearerToken(who.token)
    const wrong = codeFor(setup.body().data.secret, 5)
    const refused = await client
      .post('/auth/2fa/enable')
      .bearerToken(who.token)
      .json({ code: wrong })
    refused.assertStatus(422)
    refused.assertBody({
      errors: [
        {
          code: 'E_VALIDATION_ERROR',
          field: 'code',
          message: 'The code is wrong or was already used',
        },
      ],
    })
    const user = await User.findOrFail(who.user.id)
    assert.isNull(user.twoFactorEnabledAt)
  })

  test('login asks for the second factor, and each code works once', async ({ client, assert }) => {
    const who = await createUserWithToken()
    const { secret, recoveryCodes } = await enable(client, who)

    const missing = await login(client, who.user.email)
    missing.assertStatus(401)
    missing.assertBody({
      errors: [
        { code: 'E_TWO_FACTOR_REQUIRED', message: 'Enter the code from your authenticator app' },
      ],
    })
    const wrong = await login(client, who.user.email, codeFor(secret, 7))
    wrong.assertStatus(401)
    wrong.assertBodyContains({ errors: [{ code: 'E_TWO_FACTOR_INVALID' }] })
    const wrongPassword = await client
      .post('/auth/login')
      .json({ email: who.user.email, password: 'not the password', code: codeFor(secret, 1) })
    wrongPassword.assertStatus(401)
    wrongPassword.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })

    const used = stepAt(Date.now()) + 1
    await expectStatus(login(client, who.user.email, codeAt(secret, used)), 200)
    const replay = await login(client, who.user.email, codeAt(secret, used))
    replay.assertStatus(401)
    replay.assertBodyContains({ errors: [{ code: 'E_TWO_FACTOR_INVALID' }] })
    const older = await login(client, who.user.email, codeAt(secret, used - 1))
    older.assertStatus(401)

    const recovery = recoveryCodes[3].toUpperCase().replace('-', ' ')
    await expectStatus(login(client, who.user.email, recovery), 200)
    await expectStatus(login(client, who.user.email, recoveryCodes[3]), 401)
    const status = await client.get('/auth/2fa').bearerToken(who.token)
    assert.equal(status.body().data.recoveryCodesLeft, 9)
  })

  test('turning it off needs the password and a code', async ({ client, assert }) => {
    const who = await createUserWithToken()
    const { secret } = await enable(client, who)
    const noPassword = await client
      .post('/auth/2fa/disable')
      .bearerToken(who.token)
      .json({ password: 'not the password', code: codeFor(secret, 1) })
    noPassword.assertStatus(422)
    noPassword.assertBodyContains({ errors: [{ field: 'password' }] })
    const noCode = await client
      .post('/auth/2fa/disable')
      .bearerToken(who.token)
      .json({ password: TEST_PASSWORD, code: '000000' })
    noCode.assertStatus(422)
    await expectStatus(
      client
        .post('/auth/2fa/disable')
        .bearerToken(who.token)
        .json({ password: TEST_PASSWORD, code: codeFor(secret, 1) }),
      204
    )
    assert.lengthOf(await db.from('user_recovery_codes').where('user_id', who.user.id), 0)
    await expectStatus(login(client, who.user.email), 200)
  })

  test('new recovery codes need the password and a current TOTP code; the old ones stop working', async ({
    client,
    assert,
  }) => {
    await expectStatus(
      client.post('/auth/2fa/recovery-codes').json({ password: TEST_PASSWORD, code: '123456' }),
      401
    )
    const off = await createUserWithToken()
    const notOn = await client
      .post('/auth/2fa/recovery-codes')
      .bearerToken(off.token)
      .json({ password: TEST_PASSWORD, code: '123456' })
    notOn.assertStatus(409)
    notOn.assertBodyContains({ errors: [{ code: 'E_TWO_FACTOR_DISABLED' }] })

    const other = await createUserWithToken()
    const { recoveryCodes: theirs } = await enable(client, other)
    const theirHashes = await db.from('user_recovery_codes').where('user_id', other.user.id)
    const who = await createUserWithToken()
    const { secret, recoveryCodes: old, enabledStep } = await enable(client, who)
    const rotate = (body: object) =>
      client.post('/auth/2fa/recovery-codes').bearerToken(who.token).json(body)

    const wrongPassword = await rotate({ password: 'not the password', code: codeFor(secret, 1) })
    wrongPassword.assertStatus(422)
    wrongPassword.assertBody({
      errors: [{ code: 'E_VALIDATION_ERROR', message: 'The password is wrong', field: 'password' }],
    })
    const byRecoveryCode = await rotate({ password: TEST_PASSWORD, code: old[0] })
    byRecoveryCode.assertStatus(422)
    byRecoveryCode.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'code' }] })
    const usedStep = await rotate({ password: TEST_PASSWORD, code: codeAt(secret, enabledStep) })
    usedStep.assertStatus(422)
    usedStep.assertBody({
      errors: [
        {
          code: 'E_VALIDATION_ERROR',
          message: 'The code is wrong or was already used',
          field: 'code',
        },
      ],
    })
    const hashesBefore = await db.from('user_recovery_codes').where('user_id', who.user.id)
    assert.lengthOf(hashesBefore, 10, 'a refused request changes nothing')

    const rotatingCode = codeFor(secret, 1)
    const rotated = await expectStatus(rotate({ password: TEST_PASSWORD, code: rotatingCode }), 200)
    const fresh = rotated.body().data.recoveryCodes as string[]
    assert.lengthOf(fresh, 10)
    assert.isEmpty(fresh.filter((code) => old.includes(code)))
    const replay = await rotate({ password: TEST_PASSWORD, code: rotatingCode })
    replay.assertStatus(422)

    await expectStatus(login(client, who.user.email, old[1]), 401)
    await expectStatus(login(client, who.user.email, fresh[1]), 200)
    const status = await client.get('/auth/2fa').bearerToken(who.token)
    assert.equal(status.body().data.recoveryCodesLeft, 9)
    assert.lengthOf(await db.from('user_recovery_codes').where('user_id', who.user.id), 10)

    const byTheirCode = await rotate({ password: TEST_PASSWORD, code: theirs[0] })
    byTheirCode.assertStatus(422)
    assert.deepEqual(
      await db.from('user_recovery_codes').where('user_id', other.user.id),
      theirHashes,
      'another account keeps its codes'
    )
    await expectStatus(login(client, other.user.email, theirs[0]), 200)
  })

  test('a server admin resets it through the admin API; the login needs no code again', async ({
    client,
    assert,
  }) => {
    const who = await createUserWithToken()
    await enable(client, who)
    const admin = await createUserWithToken()
    await User.query().where('id', admin.user.id).update({ is_admin: true })
    const adminToken = await User.adminTokens.create(admin.user, ['admin'])

    const reset = await client
      .post(`/admin/users/${who.user.username}/reset-2fa`)
      .bearerToken(adminToken.value!.release())
      .json({})
    reset.assertStatus(200)
    assert.isFalse(reset.body().data.twoFactorEnabled)
    await expectStatus(login(client, who.user.email), 200)
    await expectStatus(
      client.post(`/admin/users/${who.user.username}/reset-2fa`).bearerToken(who.token).json({}),
      401
    )
  })
})

test.group('Two-factor authentication: an organization that requires it', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
  })

  test('only an owner with 2FA can require it; then members without it are refused', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const require2fa = () =>
      client
        .put(`/organizations/${org.id}`)
        .bearerToken(owner.token)
        .json({ settings: { requireTwoFactor: true } })

    const early = await require2fa()
    early.assertStatus(409)
    early.assertBodyContains({ errors: [{ code: 'E_TWO_FACTOR_REQUIRED' }] })
    await enable(client, owner)
    const set = await expectStatus(require2fa(), 200)
    assert.isTrue(set.body().data.settings.requireTwoFactor)

    const refused = await client
      .get('/chat/rooms')
      .bearerToken(member.token)
      .header('x-organization-id', org.id)
    refused.assertStatus(403)
    refused.assertBody({
      errors: [
        {
          code: 'E_TWO_FACTOR_REQUIRED',
          message:
            'This organization requires two-factor authentication: turn it on for your account first',
        },
      ],
    })
    await expectStatus(
      client.get(`/organizations/${org.id}/members`).bearerToken(member.token),
      403
    )
    const listed = await expectStatus(client.get('/organizations').bearerToken(member.token), 200)
    assert.deepEqual(
      listed.body().data.map((o: { id: string }) => o.id),
      [org.id]
    )

    await enable(client, member)
    await expectStatus(
      client.get('/chat/rooms').bearerToken(member.token).header('x-organization-id', org.id),
      200
    )
    await expectStatus(
      client.get('/chat/rooms').bearerToken(owner.token).header('x-organization-id', org.id),
      200
    )
  })

  test('another organization’s setting is 404, and its requirement does not leak into mine', async ({
    client,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    await enable(client, owner)
    await expectStatus(
      client
        .put(`/organizations/${org.id}`)
        .bearerToken(owner.token)
        .json({ settings: { requireTwoFactor: true } }),
      200
    )
    const outsider = await createUserWithToken()
    const own = await createOrgWith(outsider.user)
    await expectStatus(
      client
        .put(`/organizations/${org.id}`)
        .bearerToken(outsider.token)
        .json({ settings: { requireTwoFactor: false } }),
      404
    )
    await expectStatus(
      client.get('/chat/rooms').bearerToken(outsider.token).header('x-organization-id', own.id),
      200
    )
  })
})
