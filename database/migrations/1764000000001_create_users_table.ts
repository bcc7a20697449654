import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.uuid('id').primary()
      table.string('email', 254).notNullable()
      table.string('username', 32).notNullable()
      table.string('display_name', 100).nullable()
      table.string('password').notNullable()
      table.uuid('active_organization_id').nullable()
      table.boolean('is_admin').notNullable().defaultTo(false)
      table.string('avatar_key').nullable()
      table.timestamp('last_seen_at', { useTz: true }).nullable()
      table.timestamp('deactivated_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw('CREATE UNIQUE INDEX users_email_lower_unique ON users (lower(email))')
    this.schema.raw('CREATE UNIQUE INDEX users_username_lower_unique ON users (lower(username))')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
