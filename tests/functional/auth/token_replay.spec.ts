import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import { issueAccountToken } from '#domain/auth/account_tokens'
import { base32Decode, hotp, stepAt } from '#domain/auth/totp'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import { createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

/** The code an authenticator app shows for `secret`, `offset` steps from now. */
function codeFor(secret: string, offset = 0) {
  return hotp(base32Decode(secret), stepAt(Date.now()) + offset)
}

/** Statuses of `count` copies of one request sent at once. */
async function race(count: number, send: () => Promise<{ status(): number }>) {
  const answers = await Promise.all(Array.from({ length: count }, send))
  return answers.map((answer) => answer.status()).sort()
}

/*
 * Every single-use credential of the account flows, sent eight times at
 * once: exactly one use wins, the others get the same refusal as a replay
 * after the fact, and what the winner did is done once.
 */
test.group('Single-use credentials raced', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
  })

  test('one password reset link used eight times at once sets one password', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithToken()
    const token = await issueAccountToken(user, 'reset_password')
    const passwords = Array.from({ length: 8 }, (_, index) => `new passphrase number ${index}`)
    const answers = await Promise.all(
      passwords.map((password) => client.post('/auth/password/reset').json({ token, password }))
    )
    const won = answers.flatMap((answer, index) => (answer.status() === 200 ? [index] : []))
    assert.lengthOf(won, 1)
    for (const answer of answers.filter((a) => a.status() !== 200)) {
      answer.assertStatus(404)
      answer.assertBodyContains({ errors: [{ code: 'E_TOKEN_INVALID' }] })
    }
    const stored = await User.findOrFail(user.id)
    assert.isTrue(await hash.verify(stored.password, passwords[won[0]]))
    const tokens = await db.from('account_tokens').whereNull('used_at')
    assert.lengthOf(tokens, 0)
  })

  test('one verification link used eight times at once verifies once', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithToken()
    await User.query().where('id', user.id).update({ email_verified_at: null })
    const token = await issueAccountToken(user, 'verify_email')
    const statuses = await race(8, () => client.post('/auth/email/verify').json({ token }))
    assert.deepEqual(statuses, [200, 404, 404, 404, 404, 404, 404, 404])
  })

  test('one TOTP code or one recovery code at eight logins at once opens one session', async ({
    client,
    assert,
  }) => {
    const who = await createUserWithToken()
    const setup = await expectStatus(client.post('/auth/2fa/setup').bearerToken(who.token), 200)
    const secret = setup.body().data.secret
    const enabled = await expectStatus(
      client
        .post('/auth/2fa/enable')
        .bearerToken(who.token)
        .json({ code: codeFor(secret) }),
      200
    )
    const login = (code: string) => () =>
      client.post('/auth/login').json({ email: who.user.email, password: TEST_PASSWORD, code })
    const sessions = () => db.from('auth_access_tokens').where('tokenable_id', who.user.id)

    const byTotp = await race(8, login(codeFor(secret, 1)))
    assert.deepEqual(byTotp, [200, 401, 401, 401, 401, 401, 401, 401])
    assert.lengthOf(await sessions(), 2)

    const byRecovery = await race(8, login(enabled.body().data.recoveryCodes[0]))
    assert.deepEqual(byRecovery, [200, 401, 401, 401, 401, 401, 401, 401])
    assert.lengthOf(await sessions(), 3)
  })
})
