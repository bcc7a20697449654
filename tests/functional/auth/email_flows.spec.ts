import { test } from '@japa/runner'
import { expectStatus } from '#tests/helpers/requests'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import { backgroundSettled } from '#services/background'
import { resetDatabase } from '#tests/helpers/database'
import { openSignup } from '#tests/helpers/signup'
import { linkIn, startSmtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/processes'
import { LogTransport } from '#services/log_mail_transport'
import { createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

type Sink = Awaited<ReturnType<typeof startSmtpSink>>

test.group('Email verification (real SMTP)', (group) => {
  let sink: Sink
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
    sink = await startSmtpSink()
    return async () => {
      await backgroundSettled()
      await sink.close()
    }
  })

  test('registration mails a link that verifies the address once', async ({ client, assert }) => {
    await openSignup()
    const registered = await client
      .post('/auth/register')
      .json({ email: 'Ada@Example.com', username: 'ada', password: TEST_PASSWORD })
    registered.assertStatus(201)

    const message = await sink.next('ada@example.com')
    assert.equal(message.subject, 'Confirm your email address for Parley')
    const { link, token } = linkIn(message, '/verify-email/')
    assert.match(link, /^http:\/\/localhost:\d+\/verify-email\/[A-Za-z0-9_-]{43}$/)
    const stored = await db.from('account_tokens').select('token_hash').first()
    assert.notEqual(stored.token_hash, token, 'only a hash is stored')

    const verified = await client.post('/auth/email/verify').json({ token })
    verified.assertStatus(200)
    const ada = await User.findByOrFail('username', 'ada')
    assert.isNotNull(ada.emailVerifiedAt)

    const again = await client.post('/auth/email/verify').json({ token })
    again.assertStatus(404)
    again.assertBody({
      errors: [{ code: 'E_TOKEN_INVALID', message: 'This link is invalid or has expired' }],
    })
  })

  test('a new link can be asked for; expired and malformed tokens do not verify', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithToken()
    await User.query().where('id', user.id).update({ email_verified_at: null })
    const login = await client
      .post('/auth/login')
      .json({ email: user.email, password: TEST_PASSWORD })
    const token = login.body().data.token

    const asked = await client.post('/auth/email/verification').bearerToken(token)
    asked.assertStatus(202)
    asked.assertBody({ data: { sent: true } })
    const first = linkIn(await sink.next(user.email), '/verify-email/').token
    await db.from('account_tokens').update({ expires_at: new Date(Date.now() - 1000) })
    await expectStatus(client.post('/auth/email/verify').json({ token: first }), 404)

    const malformed = await client.post('/auth/email/verify').json({ token: 'short' })
    malformed.assertStatus(422)
    malformed.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'token' }] })

    await client.post('/auth/email/verification').bearerToken(token)
    const second = linkIn(await sink.next(user.email), '/verify-email/').token
    await expectStatus(client.post('/auth/email/verify').json({ token: second }), 200)
    const done = await client.post('/auth/email/verification').bearerToken(token)
    done.assertStatus(409)
    done.assertBodyContains({ errors: [{ code: 'E_EMAIL_ALREADY_VERIFIED' }] })
    assert.lengthOf(sink.received, 2)
  })

  test('a link sent to an old address does not verify the new one', async ({ client }) => {
    const { user, token } = await createUserWithToken()
    await User.query().where('id', user.id).update({ email_verified_at: null })
    await client.post('/auth/email/verification').bearerToken(token)
    const link = linkIn(await sink.next(user.email), '/verify-email/').token
    await User.query().where('id', user.id).update({ email: 'moved@example.com' })
    await expectStatus(client.post('/auth/email/verify').json({ token: link }), 404)
  })

  test('needs a session to ask for a link, and is throttled per address', async ({ client }) => {
    await expectStatus(client.post('/auth/email/verification'), 401)
    const { user, token } = await createUserWithToken()
    await User.query().where('id', user.id).update({ email_verified_at: null })
    for (let i = 0; i < 3; i++) {
      await expectStatus(client.post('/auth/email/verification').bearerToken(token), 202)
    }
    const limited = await client.post('/auth/email/verification').bearerToken(token)
    limited.assertStatus(429)
  })
})

test.group('Password reset (real SMTP)', (group) => {
  let sink: Sink
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
    sink = await startSmtpSink()
    return async () => {
      await backgroundSettled()
      await sink.close()
    }
  })

  test('a reset link sets a new password once and ends every session', async ({
    client,
    assert,
  }) => {
    const { user, token } = await createUserWithToken()
    const forgot = await client
      .post('/auth/password/forgot')
      .json({ email: user.email.toUpperCase() })
    forgot.assertStatus(202)
    forgot.assertBody({ data: { sent: true } })
    const message = await sink.next(user.email)
    assert.equal(message.subject, 'Reset your Parley password')
    const { token: resetToken } = linkIn(message, '/reset-password/')

    const weak = await client
      .post('/auth/password/reset')
      .json({ token: resetToken, password: 'password123' })
    weak.assertStatus(422)
    weak.assertBodyContains({ errors: [{ field: 'password' }] })

    const reset = await client
      .post('/auth/password/reset')
      .json({ token: resetToken, password: 'a brand new password' })
    reset.assertStatus(200)
    reset.assertBody({ data: { sessionsRevoked: 1 } })
    await expectStatus(client.get('/users/me').bearerToken(token), 401)
    await expectStatus(
      client.post('/auth/login').json({ email: user.email, password: TEST_PASSWORD }),
      401
    )
    await expectStatus(
      client.post('/auth/login').json({ email: user.email, password: 'a brand new password' }),
      200
    )

    const reused = await client
      .post('/auth/password/reset')
      .json({ token: resetToken, password: 'yet another passphrase' })
    reused.assertStatus(404)
    reused.assertBodyContains({ errors: [{ code: 'E_TOKEN_INVALID' }] })
  })

  test('answers an unknown address exactly like a known one, and mails only the known one', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithToken()
    const unknown = await client.post('/auth/password/forgot').json({ email: 'nobody@example.com' })
    const known = await client.post('/auth/password/forgot').json({ email: user.email })
    assert.equal(unknown.status(), known.status())
    assert.deepEqual(unknown.body(), known.body())
    assert.deepEqual(
      Object.keys(unknown.headers())
        .sort()
        .filter((h) => !['date', 'x-request-id'].includes(h)),
      Object.keys(known.headers())
        .sort()
        .filter((h) => !['date', 'x-request-id'].includes(h))
    )
    await sink.next(user.email)
    await backgroundSettled()
    assert.deepEqual(
      sink.received.map((m) => m.to),
      [[user.email]]
    )
    const tokens = await db.from('account_tokens').select('user_id')
    assert.deepEqual(tokens, [{ user_id: user.id }])
  })

  test('a newer reset retires the older links; a deactivated account gets no mail', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithToken()
    await client.post('/auth/password/forgot').json({ email: user.email })
    const older = linkIn(await sink.next(user.email), '/reset-password/').token
    await client.post('/auth/password/forgot').json({ email: user.email })
    const newer = linkIn(await sink.next(user.email), '/reset-password/').token
    await expectStatus(
      client.post('/auth/password/reset').json({ token: newer, password: 'a brand new password' }),
      200
    )
    await expectStatus(
      client.post('/auth/password/reset').json({ token: older, password: 'another new one!' }),
      404
    )

    const gone = await createUserWithToken()
    await User.query().where('id', gone.user.id).update({ deactivated_at: new Date() })
    await expectStatus(client.post('/auth/password/forgot').json({ email: gone.user.email }), 202)
    await backgroundSettled()
    assert.notInclude(
      sink.received.flatMap((m) => m.to),
      gone.user.email
    )
  })

  test('a reset proves the address: an unverified account becomes verified', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithToken()
    await User.query().where('id', user.id).update({ email_verified_at: null })
    await client.post('/auth/password/forgot').json({ email: user.email })
    const { token } = linkIn(await sink.next(user.email), '/reset-password/')
    await client.post('/auth/password/reset').json({ token, password: 'a brand new password' })
    const after = await User.findOrFail(user.id)
    assert.isNotNull(after.emailVerifiedAt)
  })

  test('is throttled per address, known or not', async ({ client }) => {
    for (let i = 0; i < 3; i++) {
      await expectStatus(client.post('/auth/password/forgot').json({ email: 'x@example.com' }), 202)
    }
    const limited = await client.post('/auth/password/forgot').json({ email: 'X@example.com' })
    limited.assertStatus(429)
    limited.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
  })
})

test.group('Account mail through the job-backed mailer', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
  })

  test('a verification mail is a queued delivery that the mail job sends over SMTP', async ({
    client,
    assert,
    cleanup,
  }) => {
    const sink = await startSmtpSink()
    cleanup(() => sink.close())
    const { user, token } = await createUserWithToken()
    await User.query().where('id', user.id).update({ email_verified_at: null })

    await expectStatus(client.post('/auth/email/verification').bearerToken(token), 202)
    const message = await sink.next(user.email)
    const { link } = linkIn(message, '/verify-email/')
    assert.include(message.html, `<a href="${link}">`)
    const delivery = await eventually(
      async () => {
        const row = await db.from('mail_deliveries').first()
        return row?.status === 'sent' && row
      },
      10_000,
      () => 'the delivery never became sent'
    )
    assert.equal(delivery.kind, 'email_verification')
    assert.equal(delivery.recipient, user.email)
    assert.equal(delivery.attempts, 1)
    assert.isNull(delivery.organization_id)
    assert.notInclude(JSON.stringify(delivery), linkIn(message, '/verify-email/').token)
  })

  test('a reset mail refused once by the SMTP server is retried and then arrives', async ({
    client,
    assert,
    cleanup,
  }) => {
    const sink = await startSmtpSink({ refuseFirst: 1 })
    cleanup(() => sink.close())
    const { user } = await createUserWithToken()

    await expectStatus(client.post('/auth/password/forgot').json({ email: user.email }), 202)
    const message = await sink.next(user.email)
    const { token } = linkIn(message, '/reset-password/')
    const delivery = await eventually(
      async () => {
        const row = await db.from('mail_deliveries').first()
        return row?.status === 'sent' && row
      },
      10_000,
      () => 'the delivery never became sent'
    )
    assert.equal(delivery.kind, 'password_reset')
    assert.equal(delivery.attempts, 2)
    assert.isNull(delivery.last_error)
    assert.equal(sink.attempts, 2)
    assert.lengthOf(sink.received, 1)
    await expectStatus(
      client.post('/auth/password/reset').json({ token, password: 'a brand new password' }),
      200
    )
  }).timeout(30_000)

  test('without SMTP the mail is only logged, and its delivery says so', async ({
    client,
    assert,
  }) => {
    const before = LogTransport.sent.length
    const { user } = await createUserWithToken()
    await expectStatus(client.post('/auth/password/forgot').json({ email: user.email }), 202)
    await backgroundSettled()
    const delivery = await db.from('mail_deliveries').firstOrFail()
    assert.equal(delivery.status, 'logged')
    assert.equal(delivery.kind, 'password_reset')
    const logged = LogTransport.sent.slice(before)
    assert.lengthOf(logged, 1)
    assert.equal(logged[0].subject, 'Reset your Parley password')
  })
})
