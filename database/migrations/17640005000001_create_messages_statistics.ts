import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Extended statistics on `messages (organization_id, room_id)`: a room
 * belongs to exactly one organization, but without these the planner treats
 * the two predicates as independent and multiplies their selectivities, so
 * `organization_id = $1 AND room_id = $2` is estimated at a small fraction of
 * a big room — enough, on a multi-tenant table, to prefer reading the whole
 * room and sorting it over walking `(room_id, seq)` for one page. With the
 * functional dependency recorded, ANALYZE gives the room's true size to any
 * query that filters on both.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      'CREATE STATISTICS IF NOT EXISTS messages_org_room_dependencies (dependencies) ON organization_id, room_id FROM messages'
    )
  }

  async down() {
    this.schema.raw('DROP STATISTICS IF EXISTS messages_org_room_dependencies')
  }
}
