import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'

test.group('Error shape', (group) => {
  group.each.setup(() => limiter.clear())

  test('answers 400 E_BAD_REQUEST to a malformed JSON body', async ({ client, assert }) => {
    const response = await client
      .post('/auth/login')
      .type('json')
      .unsafeJson('{"email": "a@example.com", "password": ')
    response.assertStatus(400)
    const body = response.body()
    assert.lengthOf(body.errors, 1)
    assert.equal(body.errors[0].code, 'E_BAD_REQUEST')
    assert.equal(body.errors[0].message, 'Unexpected end of JSON input')
    assert.notProperty(body, 'stack')
  })

  test('answers 404 E_NOT_FOUND to an unknown route', async ({ client, assert }) => {
    const response = await client.get('/no/such/route')
    response.assertStatus(404)
    assert.deepEqual(response.body(), {
      errors: [{ code: 'E_NOT_FOUND', message: 'Route not found' }],
    })
  })
})
