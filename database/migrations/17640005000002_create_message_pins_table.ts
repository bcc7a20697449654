import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Pinned messages: at most one pin per message. A pin survives edits (it
 * points at the message, not at a body) and goes with the message when it
 * is deleted (the delete action removes it). `GET /chat/rooms/:roomId/pins`
 * reads a room's pins newest first by `(room_id, pinned_at)`.
 */
export default class extends BaseSchema {
  protected tableName = 'message_pins'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.uuid('message_id').primary().references('id').inTable('messages').onDelete('CASCADE')
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.uuid('pinned_by_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('pinned_at', { useTz: true }).notNullable()
      table.index(['room_id', 'pinned_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
