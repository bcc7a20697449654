import db from '@adonisjs/lucid/services/db'

/**
 * Deletes notifications older than the retention period, in batches so a
 * large backlog never holds long locks on the table. Read or not, an old
 * notification is gone: the messages themselves stay in their rooms.
 */
export default class DeleteOldNotifications {
  static async handle(input: { retentionDays: number; batchSize?: number }): Promise<number> {
    const batchSize = input.batchSize ?? 5000
    let total = 0
    for (;;) {
      const result = await db.rawQuery(
        `DELETE FROM notifications WHERE id IN (
           SELECT id FROM notifications WHERE created_at < now() - make_interval(days => ?) LIMIT ?
         )`,
        [input.retentionDays, batchSize]
      )
      total += result.rowCount ?? 0
      if ((result.rowCount ?? 0) < batchSize) return total
    }
  }
}
