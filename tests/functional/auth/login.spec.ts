import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import limiter from '@adonisjs/limiter/services/main'
import { resetDatabase } from '#tests/helpers/database'
import { createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

const INVALID_CREDENTIALS = {
  errors: [{ code: 'E_UNAUTHORIZED', message: 'Invalid credentials' }],
}

test.group('POST /auth/login', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
  })

  test('logs in by email and returns a working token', async ({ client, assert }) => {
    const { user } = await createUserWithToken({ email: 'ann@example.com', username: 'ann' })

    const response = await client
      .post('/auth/login')
      .json({ email: 'ANN@example.com', password: TEST_PASSWORD })
    response.assertStatus(200)
    assert.equal(response.body().data.user.id, user.id)
    assert.equal(response.body().data.user.email, 'ann@example.com')
    assert.notProperty(response.body().data.user, 'password')

    const me = await client.get('/users/me').bearerToken(response.body().data.token)
    me.assertStatus(200)
    assert.equal(me.body().data.id, user.id)
  })

  test('logs in by username, case-insensitively', async ({ client, assert }) => {
    const { user } = await createUserWithToken({ username: 'MixedCase' })

    const response = await client
      .post('/auth/login')
      .json({ username: 'mIXEDcASE', password: TEST_PASSWORD })
    response.assertStatus(200)
    assert.equal(response.body().data.user.id, user.id)
    assert.match(response.body().data.token, /^plr_/)
  })

  test('answers one 401 for a wrong password, an unknown user and a deactivated account', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithToken({ username: 'ann' })
    const { user: gone } = await createUserWithToken({ username: 'gone' })
    gone.deactivatedAt = DateTime.now()
    await gone.save()

    const wrongPassword = await client
      .post('/auth/login')
      .json({ email: user.email, password: 'not the password' })
    const unknownUser = await client
      .post('/auth/login')
      .json({ username: 'nobody', password: TEST_PASSWORD })
    const deactivated = await client
      .post('/auth/login')
      .json({ username: 'gone', password: TEST_PASSWORD })

    for (const response of [wrongPassword, unknownUser, deactivated]) {
      response.assertStatus(401)
      assert.deepEqual(response.body(), INVALID_CREDENTIALS)
    }
  })

  test('requires an email or a username', async ({ client }) => {
    const response = await client.post('/auth/login').json({ password: TEST_PASSWORD })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'email' }] })
  })

  test('throttles a client after repeated failures on one account with 429 and Retry-After', async ({
    client,
    assert,
  }) => {
    await createUserWithToken({ username: 'target' })
    await createUserWithToken({ username: 'bystander' })

    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await client
        .post('/auth/login')
        .json({ username: 'target', password: `wrong ${attempt}` })
      response.assertStatus(401)
    }
    const throttled = await client
      .post('/auth/login')
      .json({ username: 'target', password: TEST_PASSWORD })
    throttled.assertStatus(429)
    assert.deepEqual(throttled.body(), {
      errors: [{ code: 'E_TOO_MANY_REQUESTS', message: 'Too many requests, retry later' }],
    })
    assert.isAbove(Number(throttled.header('retry-after')), 0)

    const otherAccount = await client
      .post('/auth/login')
      .json({ username: 'bystander', password: TEST_PASSWORD })
    otherAccount.assertStatus(200)
  })
  test('counts failures by email and by username against one account budget', async ({
    client,
  }) => {
    await createUserWithToken({ email: 'shared@example.com', username: 'shared' })

    for (let attempt = 1; attempt <= 10; attempt++) {
      const login = attempt % 2 ? { username: 'SHARED' } : { email: 'shared@example.com' }
      const response = await client
        .post('/auth/login')
        .json({ ...login, password: `wrong ${attempt}` })
      response.assertStatus(401)
    }
    const throttled = await client
      .post('/auth/login')
      .json({ email: 'shared@example.com', password: TEST_PASSWORD })
    throttled.assertStatus(429)
  })
})
