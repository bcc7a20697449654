import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Secret rotation of outgoing webhooks: the secret replaced by a rotation
 * stays (sealed) until its grace period ends, and deliveries meanwhile
 * carry a signature under each, so receivers can switch without a gap.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('webhooks', (table) => {
      table.text('previous_secret_sealed').nullable()
      table.timestamp('previous_secret_expires_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.alterTable('webhooks', (table) => {
      table.dropColumn('previous_secret_sealed')
      table.dropColumn('previous_secret_expires_at')
    })
  }
}
