import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Messages, their edit history and mentions. Bodies are stored only as
 * ciphertext under a room key (DESIGN.md §5); `seq` orders a room and
 * `version_seq` stamps the room change that last touched the row.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('messages', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.uuid('sender_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.bigInteger('seq').notNullable()
      table.bigInteger('version_seq').notNullable()
      table.uuid('reply_to_id').nullable().references('id').inTable('messages').onDelete('SET NULL')
      table.uuid('client_message_id').nullable()
      table.string('body_hash', 64).notNullable()
      table.text('body_ciphertext').nullable()
      table.uuid('body_key_id').nullable()
      table.jsonb('encrypted_payload').nullable()
      table.timestamp('edited_at', { useTz: true }).nullable()
      table.timestamp('deleted_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['room_id', 'seq'], { indexName: 'messages_room_seq_unique' })
      table.unique(['room_id', 'sender_id', 'client_message_id'], {
        indexName: 'messages_room_sender_client_id_unique',
      })
      table.index(['room_id', 'version_seq'], 'messages_room_version_seq_index')
    })

    this.schema.createTable('message_edits', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .uuid('message_id')
        .notNullable()
        .references('id')
        .inTable('messages')
        .onDelete('CASCADE')
      table.text('body_ciphertext').notNullable()
      table.uuid('body_key_id').notNullable()
      table.timestamp('edited_at', { useTz: true }).notNullable()
      table.index(['message_id'])
    })

    this.schema.createTable('message_mentions', (table) => {
      table
        .uuid('message_id')
        .notNullable()
        .references('id')
        .inTable('messages')
        .onDelete('CASCADE')
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('kind', 8).notNullable()
      table.primary(['message_id', 'user_id'])
      table.index(['user_id', 'organization_id'])
    })
  }

  async down() {
    this.schema.dropTable('message_mentions')
    this.schema.dropTable('message_edits')
    this.schema.dropTable('messages')
  }
}
