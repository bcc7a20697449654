import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every send updates its room's row (the message and change counters) and
 * its sender's membership row (read pointer, last sent time). Pages filled
 * to the brim leave no space for the new version beside the old one, so
 * such an update moves the row to another page and adds an entry to each of
 * the table's indexes, and the dead version stays until a VACUUM. Half-full
 * pages keep those updates on their page (HOT): no index entry, and the page
 * prunes its own dead versions between vacuums. Applies to pages written
 * from now on (a VACUUM FULL rewrites the rest).
 */
const TABLES = ['rooms', 'room_members']

export default class extends BaseSchema {
  async up() {
    for (const table of TABLES) this.schema.raw(`ALTER TABLE ${table} SET (fillfactor = 50)`)
  }

  async down() {
    for (const table of TABLES) this.schema.raw(`ALTER TABLE ${table} RESET (fillfactor)`)
  }
}
