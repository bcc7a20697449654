import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { openSignup } from '#tests/helpers/signup'

test.group('POST /auth/register', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await openSignup()
  })

  test('creates an account and returns a token', async ({ client, assert }) => {
    const response = await client.post('/auth/register').json({
      email: 'Alice@Example.com',
      username: 'alice',
      password: 'correct horse',
    })
    response.assertStatus(201)
    const body = response.body()
    assert.equal(body.data.user.email, 'alice@example.com')
    assert.equal(body.data.user.username, 'alice')
    assert.notProperty(body.data.user, 'password')
    assert.match(body.data.token, /^plr_/)
  })

  test('rejects a short password with the validation shape', async ({ client }) => {
    const response = await client.post('/auth/register').json({
      email: 'a@example.com',
      username: 'alice',
      password: 'short',
    })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'password' }] })
  })

  test('rejects an email taken in another case', async ({ client }) => {
    await client
      .post('/auth/register')
      .json({ email: 'a@example.com', username: 'alice', password: 'not guessable' })
    const response = await client
      .post('/auth/register')
      .json({ email: 'A@EXAMPLE.COM', username: 'bob', password: 'not guessable' })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'email' }] })
  })
})

test.group('POST /auth/register: common passwords', (group) => {
  group.each.setup(() => resetDatabase())

  test('refuses a password from the common-password list, in any case', async ({ client }) => {
    for (const [i, password] of ['password1', 'Password123', 'iloveyou1', 'QWERTYUIOP'].entries()) {
      const response = await client
        .post('/auth/register')
        .json({ email: `common${i}@example.com`, username: `common${i}`, password })
      response.assertStatus(422)
      response.assertBodyContains({
        errors: [
          {
            code: 'E_VALIDATION_ERROR',
            field: 'password',
            message:
              'The password field is a commonly used password; choose one that is harder to guess',
          },
        ],
      })
    }
  })
})
