import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * push-fcm's devices: one FCM registration token per app install. A token
 * belongs to one user at a time (unique): when another user signs in on the
 * same install, registering moves it. Devices are per user, not per
 * organization: one phone gets the pushes of every organization its user
 * is in, and each push names its organization.
 */
export default class extends BaseSchema {
  protected tableName = 'devices'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.uuid('id').primary()
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('token', 4096).notNullable().unique()
      table.string('platform', 16).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('last_seen_at', { useTz: true }).notNullable()
      table.index(['user_id'])
    })
    this.schema.raw(
      "ALTER TABLE devices ADD CONSTRAINT devices_platform_check CHECK (platform IN ('ios', 'android', 'web'))"
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
