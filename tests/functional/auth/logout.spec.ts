import { test } from '@japa/runner'
import User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { createUserWithToken } from '#tests/helpers/users'

test.group('POST /auth/logout', (group) => {
  group.each.setup(() => resetDatabase())

  test('revokes the token it was called with, and only that one', async ({ client, assert }) => {
    const { user, token } = await createUserWithToken()
    const other = await User.accessTokens.create(user, ['*'], { name: 'other device' })

    const response = await client.post('/auth/logout').bearerToken(token)
    response.assertStatus(204)

    const after = await client.get('/users/me').bearerToken(token)
    after.assertStatus(401)
    assert.deepEqual(after.body(), {
      errors: [{ code: 'E_UNAUTHORIZED', message: 'Authentication required' }],
    })
    const otherDevice = await client.get('/users/me').bearerToken(other.value!.release())
    otherDevice.assertStatus(200)
  })

  test('answers 401 without a token', async ({ client, assert }) => {
    const response = await client.post('/auth/logout')
    response.assertStatus(401)
    assert.deepEqual(response.body(), {
      errors: [{ code: 'E_UNAUTHORIZED', message: 'Authentication required' }],
    })
  })

  test('answers 401 for a token that was already revoked', async ({ client }) => {
    const { token } = await createUserWithToken()
    const first = await client.post('/auth/logout').bearerToken(token)
    first.assertStatus(204)
    const second = await client.post('/auth/logout').bearerToken(token)
    second.assertStatus(401)
  })
})
