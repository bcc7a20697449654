import { test } from '@japa/runner'
import { expectStatus } from '#tests/helpers/requests'
import limiter from '@adonisjs/limiter/services/main'
import { resetDatabase } from '#tests/helpers/database'
import { sessionIdOf } from '#tests/helpers/revocation'
import { createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'

async function login(client: any, email: string, userAgent: string) {
  const response = await client
    .post('/auth/login')
    .header('user-agent', userAgent)
    .json({ email, password: TEST_PASSWORD })
  response.assertStatus(200)
  return response.body().data.token as string
}

test.group('Sessions: list and revoke', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    await limiter.clear()
  })

  test('needs a session', async ({ client }) => {
    await expectStatus(client.get('/auth/sessions'), 401)
    await expectStatus(client.post('/auth/sessions/revoke-others'), 401)
    await expectStatus(client.delete('/auth/sessions/1'), 401)
  })

  test('lists my sessions with device, IP, created and last used; marks the current one', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithToken()
    const phone = await login(client, user.email, 'ParleyPhone/1.0')
    const laptop = await login(client, user.email, 'ParleyLaptop/2.0')
    const other = await createUserWithToken()
    await login(client, other.user.email, 'SomeoneElse/1.0')

    const response = await client.get('/auth/sessions').bearerToken(laptop)
    response.assertStatus(200)
    const sessions = response.body().data
    const mine = sessions.filter((s: { userAgent: string | null }) => s.userAgent)
    assert.sameMembers(
      mine.map((s: { userAgent: string }) => s.userAgent),
      ['ParleyPhone/1.0', 'ParleyLaptop/2.0']
    )
    assert.lengthOf(
      sessions,
      3,
      'the fixture token, the phone and the laptop; not the other user’s'
    )
    const current = sessions.find((s: { current: boolean }) => s.current)
    assert.equal(current.id, sessionIdOf(laptop))
    assert.equal(current.ip, '127.0.0.1')
    assert.isString(current.createdAt)
    assert.notInclude(JSON.stringify(sessions), phone.split('.')[1], 'no secret is listed')
  })

  test('revokes one of my sessions; another account’s session or a malformed id is 404', async ({
    client,
  }) => {
    const { user, token } = await createUserWithToken()
    const phone = await login(client, user.email, 'Phone')
    const other = await createUserWithToken()

    const foreign = await client
      .delete(`/auth/sessions/${sessionIdOf(other.token)}`)
      .bearerToken(token)
    foreign.assertStatus(404)
    foreign.assertBody({ errors: [{ code: 'E_NOT_FOUND', message: 'Session not found' }] })
    await expectStatus(client.get('/users/me').bearerToken(other.token), 200)
    for (const bad of ['abc', '0', '99999999999', '-1']) {
      await expectStatus(client.delete(`/auth/sessions/${bad}`).bearerToken(token), 404)
    }

    await expectStatus(
      client.delete(`/auth/sessions/${sessionIdOf(phone)}`).bearerToken(token),
      204
    )
    await expectStatus(client.get('/users/me').bearerToken(phone), 401)
    await expectStatus(client.get('/users/me').bearerToken(token), 200)
  })

  test('revoke-others ends every session but the caller’s', async ({ client, assert }) => {
    const { user, token } = await createUserWithToken()
    const phone = await login(client, user.email, 'Phone')
    const laptop = await login(client, user.email, 'Laptop')
    const other = await createUserWithToken()

    const response = await client.post('/auth/sessions/revoke-others').bearerToken(laptop)
    response.assertStatus(200)
    response.assertBody({ data: { revoked: 2 } })
    await expectStatus(client.get('/users/me').bearerToken(token), 401)
    await expectStatus(client.get('/users/me').bearerToken(phone), 401)
    await expectStatus(client.get('/users/me').bearerToken(laptop), 200)
    await expectStatus(client.get('/users/me').bearerToken(other.token), 200)
    const left = await client.get('/auth/sessions').bearerToken(laptop)
    assert.lengthOf(left.body().data, 1)
  })
})
