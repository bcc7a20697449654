import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Runs `callback` in a transaction and resolves with its result only once
 * COMMIT succeeded. Lucid's managed `db.transaction(callback)` resolves even
 * when the COMMIT itself fails: knex catches that error in `commit()` and
 * only rejects the transaction's `executionPromise`, which Lucid never
 * awaits. A deferred constraint, a serialization failure or a connection
 * lost at COMMIT would then look like success, and a send would be
 * acknowledged and fanned out although nothing was stored (DESIGN §4: acks
 * and events only after commit). Errors of the callback roll back as usual.
 */
export async function committedTransaction<T>(
  callback: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  const trx = await db.transaction()
  let result: T
  try {
    result = await callback(trx)
  } catch (error) {
    if (!trx.isCompleted) await trx.rollback().catch(() => {})
    throw error
  }
  await trx.commit()
  await trx.knexClient.executionPromise
  return result
}
