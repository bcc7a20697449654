import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

test.group('GET /health: plugins', () => {
  test('reports the enabled plugins (none in the test environment)', async ({ client, assert }) => {
    const registry = await app.container.make('plugins.registry')
    assert.deepEqual(registry.list(), [])
    const response = await client.get('/health')
    response.assertStatus(200)
    const entry = response
      .body()
      .data.checks.find((check: { name: string }) => check.name === 'plugins')
    assert.equal(entry.status, 'ok')
    assert.deepEqual(entry.meta.plugins, registry.list())
    assert.equal(entry.message, 'No plugin enabled')
  })
})
