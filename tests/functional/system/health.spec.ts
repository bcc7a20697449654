import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
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

test.group('GET /health/live and /health/ready', () => {
  test('liveness answers 200 with the event-loop delay, whatever the database', async ({
    client,
    assert,
    cleanup,
  }) => {
    const name = db.primaryConnectionName
    const original = db.manager.get(name)!.config as PostgreConfig
    const connection = original.connection as Record<string, unknown>
    db.manager.patch(name, { ...original, connection: { ...connection, port: 1 } })
    cleanup(() => db.manager.patch(name, original))

    const response = await client.get('/health/live')
    response.assertStatus(200)
    assert.equal(response.body().data.status, 'ok')
    assert.isAtLeast(response.body().data.eventLoopDelayMs, 0)
  })

  test('readiness answers 200 with the drain, database and migrations checks ok', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    const checks = response.body().data.checks as { name: string; status: string }[]
    assert.deepEqual(
      checks.map((check) => [check.name, check.status]),
      [
        ['drain', 'ok'],
        ['database', 'ok'],
        ['migrations', 'ok'],
      ]
    )
  })

  test('readiness answers 503 when the database cannot be reached', async ({
    client,
    assert,
    cleanup,
  }) => {
    const name = db.primaryConnectionName
    const original = db.manager.get(name)!.config as PostgreConfig
    const connection = original.connection as Record<string, unknown>
    db.manager.patch(name, { ...original, connection: { ...connection, port: 1 } })
    cleanup(() => db.manager.patch(name, original))

    const response = await client.get('/health/ready')
    response.assertStatus(503)
    const checks = response.body().data.checks as { name: string; status: string }[]
    assert.equal(checks.find((check) => check.name === 'database')?.status, 'error')
    assert.equal(checks.find((check) => check.name === 'migrations')?.status, 'error')
  })

  test('readiness answers 503 while a migration of this build is not applied', async ({
    client,
    assert,
    cleanup,
  }) => {
    const [last] = await db.from('adonis_schema').orderBy('id', 'desc').limit(1)
    await db.from('adonis_schema').where('id', last.id).delete()
    cleanup(async () => {
      await db.table('adonis_schema').insert(last)
    })

    const response = await client.get('/health/ready')
    response.assertStatus(503)
    const migrations = response
      .body()
      .data.checks.find((check: { name: string }) => check.name === 'migrations')
    assert.equal(migrations.status, 'error')
    assert.deepEqual(migrations.meta.pending, [last.name])
  })

  test('ready is 503 while the node is still starting: no drain could run yet', async ({
    client,
    assert,
    cleanup,
  }) => {
    Object.defineProperty(app, 'isReady', { get: () => false, configurable: true })
    cleanup(() => {
      delete (app as unknown as Record<string, unknown>).isReady
    })
    const response = await client.get('/health/ready')
    response.assertStatus(503)
    const drain = response
      .body()
      .data.checks.find((check: { name: string }) => check.name === 'drain')
    assert.equal(drain.status, 'error')
    assert.equal(drain.message, 'The node is still starting')
    const live = await client.get('/health/live')
    live.assertStatus(200)
  })
})
