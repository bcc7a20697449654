import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The nodes of a deployment and the master keys each one holds (its
 * heartbeat). `chatctl key rotate` reads it to refuse a rotation that a live
 * node could not follow; `chatctl key verify` to check coverage. Rows carry
 * key versions and fingerprints only, never key material. A node is live
 * while `expires_at` is in the future; it deletes its row on a clean stop.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('parley_nodes', (table) => {
      table.uuid('id').primary()
      table.string('hostname', 255).notNullable()
      table.integer('pid').notNullable()
      table.specificType('key_versions', 'integer[]').notNullable()
      table.integer('current_version').notNullable()
      table.string('keyring_fingerprint', 64).notNullable()
      table.jsonb('version_fingerprints').notNullable()
      table.specificType('missing_versions', 'integer[]').notNullable().defaultTo('{}')
      table.timestamp('started_at', { useTz: true }).notNullable()
      table.timestamp('last_seen_at', { useTz: true }).notNullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.index(['expires_at'])
    })
  }

  async down() {
    this.schema.dropTable('parley_nodes')
  }
}
