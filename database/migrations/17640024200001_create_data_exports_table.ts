import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Data exports (issue #19): an organization's archive for its owners, or a
 * user's own data (GDPR art. 20). A job builds the zip on the media disk
 * (`disk`, `file_key`) and reports progress here; `heartbeat_at` moves with
 * every batch, so an export whose builder died is found and failed, never
 * left "running" or shown "ready". Ready files are deleted at `expires_at`.
 * The index on messages (sender_id, id) lets a user's export page through
 * their messages without scanning the table, and a deleted user's messages
 * lose their sender without one.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('data_exports', (table) => {
      table.uuid('id').primary()
      table.string('kind', 16).notNullable()
      table
        .uuid('organization_id')
        .nullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('user_id').nullable().references('id').inTable('users').onDelete('CASCADE')
      table
        .uuid('requested_by_id')
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('status', 16).notNullable()
      table.bigInteger('progress_done').notNullable().defaultTo(0)
      table.bigInteger('progress_total').notNullable().defaultTo(0)
      table.string('disk', 32).nullable()
      table.string('file_key', 512).nullable()
      table.bigInteger('size').nullable()
      table.string('error', 500).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('started_at', { useTz: true }).nullable()
      table.timestamp('heartbeat_at', { useTz: true }).nullable()
      table.timestamp('completed_at', { useTz: true }).nullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.index(['organization_id', 'created_at'])
      table.index(['user_id', 'created_at'])
      table.index(['status'])
    })
    this.schema.raw('CREATE INDEX messages_sender_id_index ON messages (sender_id, id)')
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS messages_sender_id_index')
    this.schema.dropTable('data_exports')
  }
}
