import db from '@adonisjs/lucid/services/db'
import { notificationsSettled } from '#listeners/notification_listener'

let tables: string[] | undefined

/**
 * Empties every application table. Tests use this instead of a global
 * transaction because concurrency tests need real, separate connections.
 * Notifications still being written for the previous test's messages are
 * awaited first (their inserts would deadlock with the TRUNCATE).
 */
export async function resetDatabase() {
  await notificationsSettled()
  if (!tables) {
    const rows = await db
      .from('pg_tables')
      .where('schemaname', 'public')
      .whereNotIn('tablename', ['adonis_schema', 'adonis_schema_versions'])
      .select('tablename')
    tables = rows.map((row) => `"${row.tablename}"`)
  }
  if (tables.length) await db.rawQuery(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`)
}
