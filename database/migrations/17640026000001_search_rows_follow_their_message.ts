import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A blind search row (message_search) is derived from its message and goes
 * with it (its `message_id` key cascades). Its organization, room and key
 * columns are copies of the message's, kept for the search's filters: their
 * own foreign keys enforced nothing the message's do not, and each cost a
 * send one more check query per row inserted (PostgreSQL runs one per
 * foreign key per row). Deleting an organization or a room still removes
 * the rows, through their messages; room keys are never deleted on their
 * own (a destroyed key keeps its row, without the wrapped key).
 */
const COPIES = [
  ['organization_id', 'organizations'],
  ['room_id', 'rooms'],
  ['key_id', 'room_keys'],
] as const

export default class extends BaseSchema {
  async up() {
    for (const [column] of COPIES) {
      this.schema.raw(
        `ALTER TABLE message_search DROP CONSTRAINT IF EXISTS message_search_${column}_foreign`
      )
    }
  }

  async down() {
    for (const [column, table] of COPIES) {
      this.schema.raw(
        `ALTER TABLE message_search ADD CONSTRAINT message_search_${column}_foreign
         FOREIGN KEY (${column}) REFERENCES ${table} (id) ON DELETE CASCADE`
      )
    }
  }
}
