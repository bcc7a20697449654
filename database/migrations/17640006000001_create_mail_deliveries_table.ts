import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What became of each mail Parley meant to send (app/services/mailer.ts):
 * `logged` (no SMTP configured: written to the server log only, nothing
 * left the server), `queued` (waiting for the job worker, or retrying after
 * a failed attempt), `sent` (the SMTP server accepted it) or `failed`
 * (retries exhausted). No body is kept here: a mail may carry a secret link,
 * which lives only in the job's encrypted payload until it is sent. An
 * invite points at the delivery of its mail, so the inviter can see it later.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mail_deliveries', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .nullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('kind', 32).notNullable()
      table.string('recipient', 254).notNullable()
      table.string('subject', 200).notNullable()
      table.string('status', 16).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.string('last_error', 500).nullable()
      table.string('message_id', 200).nullable()
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['organization_id'])
    })
    this.schema.raw(
      "ALTER TABLE mail_deliveries ADD CONSTRAINT mail_deliveries_status_check CHECK (status IN ('logged', 'queued', 'sent', 'failed'))"
    )
    this.schema.alterTable('invites', (table) => {
      table
        .uuid('mail_delivery_id')
        .nullable()
        .references('id')
        .inTable('mail_deliveries')
        .onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable('invites', (table) => {
      table.dropColumn('mail_delivery_id')
    })
    this.schema.dropTable('mail_deliveries')
  }
}
