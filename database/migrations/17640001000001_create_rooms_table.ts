import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Rooms and their members. `rooms.last_seq` is the per-room message counter
 * (gap-free, bumped in the send transaction) and `rooms.change_seq` the
 * per-room change counter behind `?after=` syncs (DESIGN.md §4).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('rooms', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('type', 16).notNullable()
      table.string('name', 100).nullable()
      table.string('description', 1000).nullable()
      table.boolean('encrypted').notNullable().defaultTo(false)
      table.text('direct_key').nullable()
      table.uuid('created_by_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.bigInteger('last_seq').notNullable().defaultTo(0)
      table.bigInteger('change_seq').notNullable().defaultTo(0)
      table.timestamp('last_message_at', { useTz: true }).nullable()
      table.timestamp('archived_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['organization_id', 'direct_key'], { indexName: 'rooms_org_direct_key_unique' })
      table.index(['organization_id'])
    })
    this.schema.raw(
      "ALTER TABLE rooms ADD CONSTRAINT rooms_type_check CHECK (type IN ('direct', 'group'))"
    )

    this.schema.createTable('room_members', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('role', 16).notNullable().defaultTo('member')
      table.bigInteger('last_read_seq').notNullable().defaultTo(0)
      table.boolean('muted').notNullable().defaultTo(false)
      table.timestamp('joined_at', { useTz: true }).notNullable()
      table.unique(['room_id', 'user_id'])
      table.index(['user_id', 'organization_id'])
    })
  }

  async down() {
    this.schema.dropTable('room_members')
    this.schema.dropTable('rooms')
  }
}
