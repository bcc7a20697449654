import db from '@adonisjs/lucid/services/db'

/*
 * The chat module's `rooms` and `messages` tables arrive with its own
 * migrations; org analytics reads them only once they exist, so the
 * organizations module works before and after them.
 */
let chatTablesExist = false

/** Whether both chat tables exist; a yes is kept, a no is asked again next time. */
export async function hasChatTables() {
  if (chatTablesExist) return true
  const rows = await db
    .from('information_schema.tables')
    .where('table_schema', 'public')
    .whereIn('table_name', ['rooms', 'messages'])
    .count('* as total')
  chatTablesExist = Number(rows[0].total) === 2
  return chatTablesExist
}
