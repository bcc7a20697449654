import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import db from '@adonisjs/lucid/services/db'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/*
 * A test run rolls its database's schema back when it ends, so a second run
 * on the same database would drop this one's tables under it
 * (tests/helpers/test_database_claim.ts). Started now, while this run holds
 * its database, a second run must stop before it migrates or truncates.
 */
test.group('One test run per database', () => {
  test('a second run on this database stops at once, naming it, and leaves it alone', async ({
    assert,
  }) => {
    const second = spawnSync(
      process.execPath,
      ['ace', 'test', 'unit', '--files', 'tests/unit/totp.spec.ts'],
      { cwd: ROOT, env: process.env, encoding: 'utf8', timeout: 120_000 }
    )
    const output = `${second.stdout}${second.stderr}`
    assert.notEqual(second.status, 0, output)
    assert.include(output, 'Another test run is using the database')
    const { rows } = await db.rawQuery(`SELECT to_regclass('messages') IS NOT NULL AS kept`)
    assert.isTrue(rows[0].kept, 'the tables of this run are still there')
  }).timeout(150_000)
})
