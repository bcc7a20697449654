/*
 * Write transactions for plugins: `committedTransaction(callback)` resolves
 * only once COMMIT succeeded (Lucid's managed `db.transaction(callback)` does
 * not), so a plugin never announces a write that was not stored.
 */
export { committedTransaction } from '#services/committed_transaction'
