import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Integrations (issue 19, "Bots and API keys"):
 * - a bot is a `users` row owned by one organization (`bot_organization_id`):
 *   it has no usable password, its API keys are its access tokens (stored
 *   hashed like every token), and it can act in that organization only;
 * - `webhooks` subscribe a URL to an organization's events; the signing
 *   secret is kept encrypted with APP_KEY (an HMAC needs it in clear);
 * - `webhook_deliveries` is one row per event sent to one webhook, with
 *   its status, attempts and last answer, for the admin to list;
 * - `incoming_webhooks` post into one room as a bot; only the sha256 of
 *   their secret URL token is stored.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table
        .uuid('bot_organization_id')
        .nullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .uuid('bot_created_by_id')
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.index(['bot_organization_id'])
    })

    this.schema.createTable('webhooks', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('url', 2048).notNullable()
      table.specificType('events', 'text[]').notNullable()
      table.specificType('room_ids', 'uuid[]').nullable()
      table.text('secret_sealed').notNullable()
      table.integer('consecutive_failures').notNullable().defaultTo(0)
      table.timestamp('disabled_at', { useTz: true }).nullable()
      table.string('disabled_reason', 500).nullable()
      table.uuid('created_by_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['organization_id'])
    })

    this.schema.createTable('webhook_deliveries', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .uuid('webhook_id')
        .notNullable()
        .references('id')
        .inTable('webhooks')
        .onDelete('CASCADE')
      table.string('event', 64).notNullable()
      table.jsonb('payload').notNullable()
      table.string('status', 16).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('response_status').nullable()
      table.string('last_error', 500).nullable()
      table.timestamp('delivered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['webhook_id', 'created_at'])
    })
    this.schema.raw(
      "ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('queued', 'succeeded', 'failed'))"
    )

    this.schema.createTable('incoming_webhooks', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.uuid('bot_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('name', 100).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('last_used_at', { useTz: true }).nullable()
      table.uuid('created_by_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['organization_id'])
    })
  }

  async down() {
    this.schema.dropTable('incoming_webhooks')
    this.schema.dropTable('webhook_deliveries')
    this.schema.dropTable('webhooks')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('bot_created_by_id')
      table.dropColumn('bot_organization_id')
    })
  }
}
