import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'
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
})
