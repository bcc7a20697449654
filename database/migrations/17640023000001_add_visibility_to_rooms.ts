import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Public group rooms: any member of the organization can find and join them
 * (GET /chat/public-rooms, POST /chat/rooms/:roomId/join). Existing rooms stay
 * private. The partial index serves the organization's public room list.
 */
export default class extends BaseSchema {
  protected tableName = 'rooms'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('visibility', 16).notNullable().defaultTo('private')
    })
    this.schema.raw(
      `ALTER TABLE rooms ADD CONSTRAINT rooms_visibility_check
         CHECK (visibility IN ('private', 'public') AND (visibility = 'private' OR (type = 'group' AND NOT encrypted)))`
    )
    this.schema.raw(
      `CREATE INDEX rooms_public_by_org ON rooms (organization_id, name) WHERE visibility = 'public'`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS rooms_public_by_org')
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('visibility')
    })
  }
}
