import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Moderation (issue #19):
 * - `memberships.muted_until`: a member muted until then cannot send in the
 *   organization (the send's admission statement reads it, no extra query);
 * - `organization_bans`: removed members who may not come back, by account
 *   and by the address it had (invites to it are refused);
 * - `message_reports`: members' reports of messages, the moderators' queue;
 * - `rooms.slow_mode_seconds` and `room_members.last_sent_at`: a member
 *   sends at most once per interval in a slow-mode room (moderators and up
 *   are exempt); the send's write stamps `last_sent_at` in the same statement.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('memberships', (table) => {
      table.timestamp('muted_until', { useTz: true }).nullable()
    })
    this.schema.alterTable('rooms', (table) => {
      table.integer('slow_mode_seconds').notNullable().defaultTo(0)
    })
    this.schema.alterTable('room_members', (table) => {
      table.timestamp('last_sent_at', { useTz: true }).nullable()
    })
    this.schema.createTable('organization_bans', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('email', 254).notNullable()
      table.uuid('banned_by_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.string('reason', 500).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['organization_id', 'user_id'])
      table.index(['organization_id', 'email'])
    })
    this.schema.createTable('message_reports', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table
        .uuid('message_id')
        .notNullable()
        .references('id')
        .inTable('messages')
        .onDelete('CASCADE')
      table.uuid('reporter_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('reason', 500).notNullable()
      table.string('status', 16).notNullable().defaultTo('open')
      table.uuid('resolved_by_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.string('resolution', 16).nullable()
      table.timestamp('resolved_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['message_id', 'reporter_id'])
      table.index(['organization_id', 'status', 'created_at'])
    })
    this.schema.raw(
      "ALTER TABLE message_reports ADD CONSTRAINT message_reports_status_check CHECK (status IN ('open', 'resolved'))"
    )
  }

  async down() {
    this.schema.dropTable('message_reports')
    this.schema.dropTable('organization_bans')
    this.schema.alterTable('room_members', (table) => table.dropColumn('last_sent_at'))
    this.schema.alterTable('rooms', (table) => table.dropColumn('slow_mode_seconds'))
    this.schema.alterTable('memberships', (table) => table.dropColumn('muted_until'))
  }
}
