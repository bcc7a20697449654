import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { chatctl, chatctlJson, serverUrl } from '#tests/helpers/chatctl'
import { assertFailure, assertSuccess } from './cli_fixtures.js'

const local = { name: 'local' } as const

/**
 * A database of its own, empty, so `db migrate` has real work; no server
 * listens on the admin socket, so chatctl runs the migrations in-process.
 */
async function emptyDatabase(cleanup: (fn: () => Promise<void>) => void) {
  const name = `parley_dbcli_${randomUUID().slice(0, 8)}`
  await db.rawQuery(`CREATE DATABASE ${name}`)
  cleanup(() => db.rawQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => {}))
  return {
    DB_DATABASE: name,
    ADMIN_SOCKET_PATH: join(tmpdir(), `parley-none-${randomUUID()}.sock`),
  }
}

test.group('chatctl db migrate and db status', () => {
  test('status lists every migration pending, migrate runs them once, status then shows them migrated', async ({
    assert,
    cleanup,
  }) => {
    const settings = await emptyDatabase(cleanup)

    const before = assertSuccess(
      assert,
      await chatctlJson(local, ['db', 'status'], settings),
      'db:status'
    ) as { name: string; status: string; batch: number | null }[]
    assert.isAbove(before.length, 10)
    assert.isTrue(before.every((row) => row.status === 'pending' && row.batch === null))
    const pending = await chatctlJson(local, ['db', 'status'], settings)
    assert.match(pending.json.warnings[0], /^\d+ migration\(s\) pending: run chatctl db migrate$/)

    const migrated = assertSuccess(
      assert,
      await chatctlJson(local, ['db', 'migrate'], settings),
      'db:migrate'
    )
    assert.deepEqual(
      migrated.migrated,
      before.map((row) => row.name)
    )
    assert.equal(migrated.status, 'completed')

    const after = assertSuccess(
      assert,
      await chatctlJson(local, ['db', 'status'], settings),
      'db:status'
    ) as { name: string; status: string; batch: number | null }[]
    assert.deepEqual(
      after.map((row) => [row.name, row.status, row.batch]),
      before.map((row) => [row.name, 'migrated', 1])
    )
    const clean = await chatctlJson(local, ['db', 'status'], settings)
    assert.deepEqual(clean.json.warnings, [])

    const again = assertSuccess(
      assert,
      await chatctlJson(local, ['db', 'migrate'], settings),
      'db:migrate'
    )
    assert.deepEqual(again, { migrated: [], status: 'skipped' })
    const human = await chatctl(['db', 'migrate'], settings)
    assert.equal(human.code, 0, human.stderr)
    assert.equal(human.stdout.trim(), 'Nothing to migrate.')
  }).timeout(300_000)

  test('both refuse remote mode with E_LOCAL_ONLY and exit 2', async ({ assert }) => {
    for (const verb of ['migrate', 'status']) {
      const run = await chatctl(['db', verb, '--url', serverUrl(), '--token', 'x', '--json'])
      assertFailure(assert, run, 'E_LOCAL_ONLY', 2)
      assert.include(run.json.message, `db ${verb} runs on the server host only`)
    }
  })

  test('an unreachable database is exit 4 naming what was tried', async ({ assert }) => {
    const run = await chatctlJson(local, ['db', 'status'], {
      DB_PORT: '1',
      ADMIN_SOCKET_PATH: join(tmpdir(), `parley-none-${randomUUID()}.sock`),
    })
    assertFailure(assert, run, 'E_CONNECTION_FAILED', 4)
    assert.include(run.json.message, '127.0.0.1:1/')
  })
})
