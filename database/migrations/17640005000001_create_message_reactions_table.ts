import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Emoji reactions: one row per member, message and emoji. Reactions are
 * metadata, not content: they are stored in clear, also in end-to-end
 * encrypted rooms (the server must count them). A message's page reads them
 * aggregated (app/domain/messages/message_extras.ts), by the primary key's
 * `message_id` prefix.
 */
export default class extends BaseSchema {
  protected tableName = 'message_reactions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table
        .uuid('message_id')
        .notNullable()
        .references('id')
        .inTable('messages')
        .onDelete('CASCADE')
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('emoji', 64).notNullable()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['message_id', 'emoji', 'user_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
