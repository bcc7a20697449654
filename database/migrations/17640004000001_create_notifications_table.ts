import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * In-app notifications: one row per recipient of a message they were away
 * for, or were mentioned in. Rows hold ids and small metadata only, never
 * message text: bodies are encrypted at rest (DESIGN.md §5), so a preview
 * here would be plaintext at rest. Clients fetch the message by room and seq.
 * `(message_id, user_id)` is unique so a redelivered event adds nothing.
 */
export default class extends BaseSchema {
  protected tableName = 'notifications'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('type', 16).notNullable()
      table.uuid('room_id').nullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.uuid('message_id').nullable().references('id').inTable('messages').onDelete('CASCADE')
      table.uuid('actor_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.jsonb('data').notNullable().defaultTo('{}')
      table.timestamp('read_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id', 'organization_id', 'read_at', 'created_at'])
      table.unique(['message_id', 'user_id'])
    })
    this.schema.raw(
      "ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN ('message', 'mention'))"
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
