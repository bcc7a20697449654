import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The blind search index (app/services/blind_index.ts): per message, the
 * keyed hashes of its normalized words and prefixes under the search key of
 * the room key (`key_id`) its body is sealed with, never a word in clear.
 * A GIN index answers "holds all these terms". Rows follow their message:
 * rewritten on edit and on re-encryption, removed on delete; a destroyed
 * room key leaves its rows meaningless (nothing can recompute their terms).
 */
export default class extends BaseSchema {
  protected tableName = 'message_search'

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
      table.uuid('key_id').notNullable().references('id').inTable('room_keys').onDelete('CASCADE')
      table.specificType('terms', 'text[]').notNullable()
    })
    this.schema.raw('CREATE INDEX message_search_terms_index ON message_search USING gin (terms)')
    this.schema.raw('CREATE INDEX message_search_key_index ON message_search (key_id)')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
