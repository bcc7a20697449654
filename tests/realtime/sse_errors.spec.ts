import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { resetDatabase } from '#tests/helpers/database'
import { createUserWithToken } from '#tests/helpers/users'

/*
 * Every answer of Transmit's routes is in the DESIGN.md error shape and
 * described in /openapi.json (the api client checks each response against
 * it). On main, a subscribe with a uid that has no open stream answered
 * Transmit's own empty, non-JSON 400.
 */
test.group('SSE routes: errors in the documented shape', (group) => {
  group.each.setup(() => resetDatabase())

  test('subscribing a uid that has no open stream is a JSON 404', async ({ client, assert }) => {
    const alice = await createUserWithToken()
    const response = await client
      .post('/__transmit/subscribe')
      .bearerToken(alice.token)
      .json({ uid: randomUUID(), channel: `users/${alice.user.id}` })
    response.assertStatus(404)
    assert.include(String(response.header('content-type')), 'application/json')
    assert.deepEqual(response.body(), {
      errors: [{ code: 'E_NOT_FOUND', message: 'Unknown stream' }],
    })
  })

  test('every other refusal of __transmit/* is JSON in the error shape', async ({
    client,
    assert,
  }) => {
    const alice = await createUserWithToken()
    const uid = randomUUID()
    const channel = `users/${alice.user.id}`
    const answers = [
      await client.post('/__transmit/subscribe').json({ uid, channel }),
      await client.post('/__transmit/subscribe').bearerToken(alice.token).json({ channel }),
      await client
        .post('/__transmit/subscribe')
        .bearerToken(alice.token)
        .json({ uid, channel: 'users/not-a-user' }),
      await client
        .post('/__transmit/unsubscribe')
        .bearerToken(alice.token)
        .type('json')
        .unsafeJson('"x"'),
      await client.get('/__transmit/events').bearerToken(alice.token),
    ]
    assert.deepEqual(
      answers.map((answer) => answer.status()),
      [401, 404, 404, 400, 404]
    )
    for (const answer of answers) {
      assert.include(String(answer.header('content-type')), 'application/json')
      assert.match(answer.body().errors[0].code, /^E_[A-Z_]+$/)
    }
  })
})
