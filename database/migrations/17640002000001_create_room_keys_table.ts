import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Per-room data keys for encryption at rest (DESIGN.md §5). `wrapped_key` is
 * the room key sealed under master key `master_version` (AES-256-GCM, room id
 * as associated data); it becomes NULL once a retired key no longer encrypts
 * any row, which destroys the key. At most one key per room is active.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('room_keys', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.text('wrapped_key').nullable()
      table.integer('master_version').notNullable()
      table.string('status', 16).notNullable().defaultTo('active')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('retired_at', { useTz: true }).nullable()
      table.index(['room_id', 'status'])
      table.index(['master_version'])
    })
    this.schema.raw(
      "ALTER TABLE room_keys ADD CONSTRAINT room_keys_status_check CHECK (status IN ('active', 'retired'))"
    )
    this.schema.raw(
      "CREATE UNIQUE INDEX room_keys_one_active_per_room ON room_keys (room_id) WHERE status = 'active'"
    )
  }

  async down() {
    this.schema.dropTable('room_keys')
  }
}
