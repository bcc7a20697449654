import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Slash commands (issue #19): an organization's admins register `/name`,
 * answered by an HTTPS endpoint; in-channel answers are posted as one of
 * the organization's bots. The signing secret is sealed with APP_KEY (the
 * HMAC needs it in clear). Names are unique per organization.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('slash_commands', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('name', 32).notNullable()
      table.string('url', 2048).notNullable()
      table.string('description', 200).nullable()
      table.string('usage_hint', 100).nullable()
      table.specificType('room_ids', 'uuid[]').nullable()
      table.uuid('bot_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.text('secret_sealed').notNullable()
      table.uuid('created_by_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['organization_id', 'name'])
    })
  }

  async down() {
    this.schema.dropTable('slash_commands')
  }
}
