import db from '@adonisjs/lucid/services/db'
import { notificationsSettled } from '#listeners/notification_listener'
import { threadsSettled } from '#listeners/thread_listener'
import { webhooksSettled } from '#listeners/webhook_listener'

let tables: string[] | undefined

/**
 * Empties every application table. Tests use this instead of a global
 * transaction because concurrency tests need real, separate connections.
 * Notifications still being written for the previous test's messages are
 * awaited first (their inserts would deadlock with the TRUNCATE). A server
 * process that a test spawned may still be writing its own (its jobs and
 * listeners run outside this process): PostgreSQL then picks the TRUNCATE as
 * the deadlock victim, and it is simply run again.
 */
export async function resetDatabase() {
  await notificationsSettled()
  await threadsSettled()
  await webhooksSettled()
  if (!tables) {
    const rows = await db
      .from('pg_tables')
      .where('schemaname', 'public')
      .whereNotIn('tablename', ['adonis_schema', 'adonis_schema_versions'])
      .select('tablename')
    tables = rows.map((row) => `"${row.tablename}"`)
  }
  if (!tables.length) return
  const statement = `TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`
  for (let attempt = 1; ; attempt++) {
    try {
      await db.rawQuery(statement)
      return
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt === 5) throw error
    }
  }
}

/** PostgreSQL's `deadlock_detected`. */
const DEADLOCK = '40P01'
