import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Link previews attached to messages by a plugin (link-previews): the Open
 * Graph data of the first URL of a plaintext message, one per message. They
 * describe a public page, not message content, and are stored in clear; the
 * URL itself is part of the (encrypted) body. Rows go with their message.
 */
export default class extends BaseSchema {
  protected tableName = 'message_previews'

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
      table.jsonb('preview').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
