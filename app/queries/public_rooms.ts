import db from '@adonisjs/lucid/services/db'
import Room from '#models/room'
import type { Actor } from '#types/actor'

export interface PublicRoomsInput {
  search?: string
  page?: number
  perPage?: number
}

/** Makes `%`, `_` and `\` match literally in a LIKE pattern. */
function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`)
}

/**
 * The public group rooms of the actor's organization that are not archived,
 * by name, with their member count and whether the actor is in them
 * (`$extras.member_count`, `$extras.joined`). Another organization's rooms
 * and private rooms never appear.
 */
export default class PublicRooms {
  static list(actor: Actor, input: PublicRoomsInput) {
    const query = Room.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('rooms.visibility', 'public')
      .where('rooms.type', 'group')
      .whereNull('rooms.archived_at')
      .select('rooms.*')
      .select(
        db.raw('(SELECT count(*) FROM room_members rm WHERE rm.room_id = rooms.id) AS member_count')
      )
      .select(
        db.raw(
          'EXISTS (SELECT 1 FROM room_members rm WHERE rm.room_id = rooms.id AND rm.user_id = ?) AS joined',
          [actor.user.id]
        )
      )
      .orderBy('rooms.name')
      .orderBy('rooms.id')
    if (input.search) query.whereILike('rooms.name', `%${escapeLike(input.search)}%`)
    return query.paginate(input.page ?? 1, input.perPage ?? 50)
  }
}
