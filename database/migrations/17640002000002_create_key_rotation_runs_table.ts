import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Re-encryption runs (`chatctl key rotate --reencrypt`). A run's `started_at`
 * is its cutoff: rooms whose active key is older still need a new key. An
 * unfinished run is resumed by the next one instead of starting over.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('key_rotation_runs', (table) => {
      table.uuid('id').primary()
      table.timestamp('started_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.integer('rooms_done').notNullable().defaultTo(0)
      table.bigInteger('rows_done').notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.dropTable('key_rotation_runs')
  }
}
