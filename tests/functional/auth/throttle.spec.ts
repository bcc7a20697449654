import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'
import { openSignup } from '#tests/helpers/signup'
import { resetDatabase } from '#tests/helpers/database'

test.group('Auth throttles', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
    return () => limiter.clear()
  })

  test('login is limited to 30 attempts a minute per IP, whichever accounts', async ({
    client,
    assert,
  }) => {
    for (let i = 0; i < 30; i++) {
      const response = await client
        .post('/auth/login')
        .json({ username: `nobody_${i}`, password: 'wrong password' })
      response.assertStatus(401)
    }
    const throttled = await client
      .post('/auth/login')
      .json({ username: 'nobody_30', password: 'wrong password' })
    throttled.assertStatus(429)
    throttled.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
    assert.isAbove(Number(throttled.header('retry-after')), 0)
  })

  test('registering one email is limited to 5 attempts per 10 minutes', async ({ client }) => {
    await openSignup()
    const body = (i: number) => ({
      email: 'Target@Example.com',
      username: `target_${i}`,
      password: 'correct horse',
    })
    const first = await client.post('/auth/register').json(body(0))
    first.assertStatus(201)
    for (let i = 1; i < 5; i++) {
      const again = await client.post('/auth/register').json(body(i))
      again.assertStatus(422)
    }
    const throttled = await client
      .post('/auth/register')
      .json({ ...body(5), email: ' target@example.com' })
    throttled.assertStatus(429)
    const other = await client
      .post('/auth/register')
      .json({ email: 'other@example.com', username: 'other', password: 'correct horse' })
    other.assertStatus(201)
  })

  test('single sign-on starts have their own budget of 60 a minute per IP, apart from logins', async ({
    client,
    assert,
  }) => {
    for (let i = 0; i < 60; i++) {
      const response = await client.get('/auth/oidc/authorize')
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_OIDC_NOT_CONFIGURED' }] })
    }
    const throttled = await client.get('/auth/oidc/authorize')
    throttled.assertStatus(429)
    throttled.assertBodyContains({ errors: [{ code: 'E_TOO_MANY_REQUESTS' }] })
    assert.isAbove(Number(throttled.header('retry-after')), 0)
    const login = await client
      .post('/auth/login')
      .json({ username: 'nobody', password: 'wrong password' })
    login.assertStatus(401)
  })

  test('the single sign-on callback shares the login budget of 30 a minute per IP', async ({
    client,
  }) => {
    for (let i = 0; i < 30; i++) {
      const response = await client.post('/auth/oidc/callback').json({ code: 'c', state: 's' })
      response.assertStatus(404)
    }
    const throttled = await client
      .post('/auth/login')
      .json({ username: 'nobody', password: 'wrong password' })
    throttled.assertStatus(429)
  })
})
