import { test } from '@japa/runner'
import User from '#models/user'
import { resetDatabase } from '#tests/helpers/database'
import { createOrgWith, createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

test.group('GET /users/me', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get('/users/me')
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('returns the caller with private fields', async ({ client, assert }) => {
    const me = await createUserWithToken({ email: 'me@example.com', username: 'me' })
    const org = await createOrgWith(me.user)

    const response = await client.get('/users/me').bearerToken(me.token)
    response.assertStatus(200)
    const user = response.body().data
    assert.equal(user.id, me.user.id)
    assert.equal(user.email, 'me@example.com')
    assert.equal(user.activeOrganizationId, org.id)
    assert.notProperty(user, 'password')
  })
})

test.group('PUT /users/me', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.put('/users/me').json({ displayName: 'X' })
    response.assertStatus(401)
  })

  test('changes the display name and username', async ({ client, assert }) => {
    const me = await createUserWithToken({ username: 'before' })

    const response = await client
      .put('/users/me')
      .json({ displayName: '  New Name ', username: 'After' })
      .bearerToken(me.token)
    response.assertStatus(200)
    assert.equal(response.body().data.displayName, 'New Name')
    assert.equal(response.body().data.username, 'After')
    const stored = await User.findOrFail(me.user.id)
    assert.equal(stored.username, 'After')
    assert.equal(stored.displayName, 'New Name')
  })

  test('clears the display name with null', async ({ client, assert }) => {
    const me = await createUserWithToken({ displayName: 'Someone' })
    const response = await client.put('/users/me').json({ displayName: null }).bearerToken(me.token)
    response.assertStatus(200)
    assert.isNull(response.body().data.displayName)
  })

  test('lets users change the case of their own username', async ({ client, assert }) => {
    const me = await createUserWithToken({ username: 'casey' })
    const response = await client.put('/users/me').json({ username: 'Casey' }).bearerToken(me.token)
    response.assertStatus(200)
    assert.equal(response.body().data.username, 'Casey')
  })

  test('rejects a username taken in another case', async ({ client, assert }) => {
    await createUserWithToken({ username: 'taken' })
    const me = await createUserWithToken({ username: 'mine' })

    const response = await client.put('/users/me').json({ username: 'TAKEN' }).bearerToken(me.token)
    response.assertStatus(422)
    assert.deepEqual(response.body(), {
      errors: [
        {
          code: 'E_VALIDATION_ERROR',
          message: 'This username is already taken',
          field: 'username',
        },
      ],
    })
    const stored = await User.findOrFail(me.user.id)
    assert.equal(stored.username, 'mine')
  })

  test('rejects input that breaks the registration rules', async ({ client }) => {
    const me = await createUserWithToken()
    for (const [body, field] of [
      [{ username: 'no spaces' }, 'username'],
      [{ username: 'ab' }, 'username'],
      [{ username: { $ne: 'x' } }, 'username'],
      [{ displayName: 42 }, 'displayName'],
      [{ displayName: 'x'.repeat(101) }, 'displayName'],
      [{ password: 'short', currentPassword: TEST_PASSWORD }, 'password'],
    ] as const) {
      const response = await client.put('/users/me').json(body).bearerToken(me.token)
      response.assertStatus(422)
      response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field }] })
    }
  })

  test('changes the password with the current one and revokes other sessions', async ({
    client,
    assert,
  }) => {
    const me = await createUserWithToken({ username: 'pat' })
    const other = await User.accessTokens.create(me.user, ['*'], { name: 'other device' })
    const otherToken = other.value!.release()

    const response = await client
      .put('/users/me')
      .json({ password: 'a brand new password', currentPassword: TEST_PASSWORD })
      .bearerToken(me.token)
    response.assertStatus(200)

    const stored = await User.findOrFail(me.user.id)
    assert.isTrue(await stored.verifyPassword('a brand new password'))
    assert.isFalse(await stored.verifyPassword(TEST_PASSWORD))
    const current = await client.get('/users/me').bearerToken(me.token)
    current.assertStatus(200)
    const revoked = await client.get('/users/me').bearerToken(otherToken)
    revoked.assertStatus(401)
  })

  test('requires the correct current password to change it', async ({ client, assert }) => {
    const me = await createUserWithToken()

    const missing = await client
      .put('/users/me')
      .json({ password: 'a brand new password' })
      .bearerToken(me.token)
    missing.assertStatus(422)
    missing.assertBodyContains({
      errors: [{ code: 'E_VALIDATION_ERROR', field: 'currentPassword' }],
    })

    const wrong = await client
      .put('/users/me')
      .json({ password: 'a brand new password', currentPassword: 'not the password' })
      .bearerToken(me.token)
    wrong.assertStatus(422)
    assert.deepEqual(wrong.body(), {
      errors: [
        {
          code: 'E_VALIDATION_ERROR',
          message: 'The current password is incorrect',
          field: 'currentPassword',
        },
      ],
    })
    const stored = await User.findOrFail(me.user.id)
    assert.isTrue(await stored.verifyPassword(TEST_PASSWORD))
  })
})
