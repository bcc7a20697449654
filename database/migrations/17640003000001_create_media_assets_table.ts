import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Files attached to messages. The bytes live on a Drive disk (`disk`, `key`);
 * the row records what the server found in them (type by magic bytes,
 * sha256, image size) rather than what the client claimed. `room_id` is
 * copied from the message so visibility checks need no join.
 */
export default class extends BaseSchema {
  protected tableName = 'media_assets'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .uuid('message_id')
        .notNullable()
        .references('id')
        .inTable('messages')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.uuid('uploader_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.string('disk', 32).notNullable()
      table.string('key', 512).notNullable()
      table.string('original_name', 255).notNullable()
      table.string('mime', 100).notNullable()
      table.bigInteger('size').notNullable()
      table.string('sha256', 64).notNullable()
      table.integer('width').nullable()
      table.integer('height').nullable()
      table.string('thumbnail_key', 512).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['message_id'])
      table.index(['organization_id', 'room_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
