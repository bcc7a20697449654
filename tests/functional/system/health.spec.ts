import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { PostgreConfig } from '@adonisjs/lucid/types/database'

test.group('GET /health', () => {
  test('answers 200 with the database check ok', async ({ client, assert }) => {
    const response = await client.get('/health')
    response.assertStatus(200)
    const body = response.body()
    assert.equal(body.data.status, 'ok')
    assert.isTrue(body.data.healthy)
    assert.isNumber(body.data.uptime)
    const names = body.data.checks.map((check: { name: string }) => check.name)
    assert.includeMembers(names, ['database', 'disk', 'memory'])
    assert.notInclude(names, 'redis')
    const database = body.data.checks.find((check: { name: string }) => check.name === 'database')
    assert.equal(database.status, 'ok')
    assert.notProperty(body.data, 'debugInfo')
  })

  test('answers 503 when the database cannot be reached', async ({ client, assert, cleanup }) => {
    const name = db.primaryConnectionName
    const original = db.manager.get(name)!.config as PostgreConfig
    const connection = original.connection as Record<string, unknown>
    db.manager.patch(name, { ...original, connection: { ...connection, port: 1 } })
    cleanup(() => db.manager.patch(name, original))

    const response = await client.get('/health')
    response.assertStatus(503)
    const body = response.body()
    assert.equal(body.data.status, 'error')
    assert.isFalse(body.data.healthy)
    const database = body.data.checks.find((check: { name: string }) => check.name === 'database')
    assert.equal(database.status, 'error')
    assert.match(database.message, /ECONNREFUSED/)
    assert.notProperty(database.meta, 'error')
  })
})
