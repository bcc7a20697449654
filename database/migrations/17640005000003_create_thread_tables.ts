import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Threads. A reply (a message with `reply_to_id`) belongs to the thread of
 * the message it answers, or of that message's own thread root, so a
 * thread is flat: `thread_replies` maps each reply to its root, written
 * after the reply commits (app/actions/threads/record_thread_reply.ts).
 * `thread_follows` holds explicit follows and unfollows (`following`: true,
 * false, or null for no choice made) and each member's read pointer in a thread; the root's author and everyone who
 * replied follow without a row, until they unfollow.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('thread_replies', (table) => {
      table.uuid('message_id').primary().references('id').inTable('messages').onDelete('CASCADE')
      table.uuid('root_id').notNullable().references('id').inTable('messages').onDelete('CASCADE')
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.bigInteger('seq').notNullable()
      table.index(['root_id', 'seq'])
    })

    this.schema.createTable('thread_follows', (table) => {
      table.uuid('root_id').notNullable().references('id').inTable('messages').onDelete('CASCADE')
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.boolean('following').nullable()
      table.bigInteger('last_read_seq').notNullable().defaultTo(0)
      table.primary(['root_id', 'user_id'])
    })

    this.schema.raw('ALTER TABLE notifications DROP CONSTRAINT notifications_type_check')
    this.schema.raw(
      "ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN ('message', 'mention', 'thread'))"
    )
  }

  async down() {
    this.schema.raw("DELETE FROM notifications WHERE type = 'thread'")
    this.schema.raw('ALTER TABLE notifications DROP CONSTRAINT notifications_type_check')
    this.schema.raw(
      "ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN ('message', 'mention'))"
    )
    this.schema.dropTable('thread_follows')
    this.schema.dropTable('thread_replies')
  }
}
