import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The per-user change feed of the room list (`GET /chat/rooms?after=`):
 * `user_sync_state` is each user's counter in an organization, bumped under
 * its row lock so commit order equals counter order; `user_room_changes`
 * keeps, per user and room, the last change (joined/updated, or removed).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('user_sync_state', (table) => {
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.bigInteger('change_seq').notNullable().defaultTo(0)
      table.primary(['user_id', 'organization_id'])
    })

    this.schema.createTable('user_room_changes', (table) => {
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.bigInteger('change_seq').notNullable()
      table.boolean('removed').notNullable().defaultTo(false)
      table.timestamp('changed_at', { useTz: true }).notNullable()
      table.primary(['user_id', 'room_id'])
      table.index(['user_id', 'organization_id', 'change_seq'])
    })
  }

  async down() {
    this.schema.dropTable('user_room_changes')
    this.schema.dropTable('user_sync_state')
  }
}
