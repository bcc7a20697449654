import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Retention (issue #19): messages (and their files) older than N days are
 * deleted by a scheduled job. `organizations.retention_days` applies to every
 * room of the organization; `rooms.retention_days` overrides it for one room.
 * Null: kept forever. An index on (room_id, created_at) lets the job find the
 * oldest messages of a room without scanning it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organizations', (table) => {
      table.integer('retention_days').nullable()
    })
    this.schema.alterTable('rooms', (table) => {
      table.integer('retention_days').nullable()
    })
    this.schema.raw('CREATE INDEX messages_room_created_at_index ON messages (room_id, created_at)')
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS messages_room_created_at_index')
    this.schema.alterTable('rooms', (table) => table.dropColumn('retention_days'))
    this.schema.alterTable('organizations', (table) => table.dropColumn('retention_days'))
  }
}
