import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Accounts at an OpenID Connect provider linked to Parley accounts: one row
 * per (issuer, subject), the provider's stable id for a person, so a later
 * change of email address at the provider still finds the same account.
 */
export default class extends BaseSchema {
  protected tableName = 'user_identities'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.uuid('id').primary()
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('issuer', 255).notNullable()
      table.string('subject', 255).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['issuer', 'subject'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
