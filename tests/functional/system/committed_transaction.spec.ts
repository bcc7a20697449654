import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { committedTransaction } from '#services/committed_transaction'
import { allowCommitsOn, refuseCommitsOn } from '#tests/helpers/commit_trap'

const TABLE = 'commit_trap.scratch'

/*
 * committedTransaction (app/services/committed_transaction.ts) must reject
 * when COMMIT fails, which Lucid's managed db.transaction(callback) does not.
 * The failure is real: a deferred constraint trigger on a scratch table
 * raises at COMMIT, after every statement of the transaction succeeded.
 */
test.group('committedTransaction', (group) => {
  group.setup(async () => {
    await db.rawQuery(`CREATE SCHEMA IF NOT EXISTS commit_trap;
      CREATE TABLE IF NOT EXISTS ${TABLE} (value text NOT NULL)`)
    await refuseCommitsOn(TABLE)
    return async () => {
      await allowCommitsOn(TABLE)
      await db.rawQuery(`DROP TABLE IF EXISTS ${TABLE}`)
    }
  })
  group.each.setup(async () => {
    await db.rawQuery(`TRUNCATE ${TABLE}`)
  })

  test('rejects when COMMIT fails, and nothing is stored', async ({ assert }) => {
    let reached = false
    await assert.rejects(
      () =>
        committedTransaction(async (trx) => {
          await trx.rawQuery(`INSERT INTO ${TABLE} VALUES ('refused')`)
          reached = true
          return 'stored'
        }),
      /commit refused by the test trap/
    )
    assert.isTrue(reached)
    assert.lengthOf(await db.from(TABLE).select('value'), 0)
  })

  test('the managed db.transaction(callback) it replaces resolves on the same failure', async ({
    assert,
  }) => {
    const result = await db.transaction(async (trx) => {
      await trx.rawQuery(`INSERT INTO ${TABLE} VALUES ('lost')`)
      return 'looks stored'
    })
    assert.equal(result, 'looks stored')
    assert.lengthOf(await db.from(TABLE).select('value'), 0)
  })

  test('resolves with the callback result once COMMIT succeeded', async ({ assert }) => {
    await allowCommitsOn(TABLE)
    try {
      const result = await committedTransaction(async (trx) => {
        await trx.rawQuery(`INSERT INTO ${TABLE} VALUES ('kept')`)
        return 42
      })
      assert.equal(result, 42)
      assert.deepEqual(await db.from(TABLE).select('value'), [{ value: 'kept' }])
    } finally {
      await refuseCommitsOn(TABLE)
    }
  })

  test('rolls back and rethrows an error of the callback', async ({ assert }) => {
    await allowCommitsOn(TABLE)
    try {
      await assert.rejects(
        () =>
          committedTransaction(async (trx) => {
            await trx.rawQuery(`INSERT INTO ${TABLE} VALUES ('undone')`)
            throw new Error('callback failed')
          }),
        /callback failed/
      )
      assert.lengthOf(await db.from(TABLE).select('value'), 0)
    } finally {
      await refuseCommitsOn(TABLE)
    }
  })
})
