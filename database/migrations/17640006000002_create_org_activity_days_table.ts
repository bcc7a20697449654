import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Who was active in which organization on which UTC day, and how: sent a
 * message, marked messages read, used a socket, used the REST API. One row
 * per member, organization and day (written at most once per kind a day by
 * each node), so analytics counts activity per organization, through every
 * door, instead of the global `users.last_seen_at` that only sockets set.
 */
export default class extends BaseSchema {
  protected tableName = 'org_activity_days'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.date('day').notNullable()
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.boolean('sent').notNullable().defaultTo(false)
      table.boolean('read').notNullable().defaultTo(false)
      table.boolean('socket').notNullable().defaultTo(false)
      table.boolean('rest').notNullable().defaultTo(false)
      table.primary(['organization_id', 'day', 'user_id'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
