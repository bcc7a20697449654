import db from '@adonisjs/lucid/services/db'
import Room from '#models/room'
import RoomMember from '#models/room_member'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'

const MEMBER_COUNT = db.raw(
  '(SELECT count(*) FROM room_members rm WHERE rm.room_id = rooms.id)::int AS "memberCount"'
)

/** The organization's rooms with their member counts (the scoped lookup). */
function roomsOf(organizationId: string) {
  return Room.query()
    .withScopes((s) => s.forOrg(organizationId))
    .select('rooms.*', MEMBER_COUNT)
}

/** The read side of chatctl `room …`: rooms of an organization, never their messages. */
export default class AdminRoomQueries {
  /** Up to `limit` rooms, oldest first; `archived` keeps only archived (or only live) ones. */
  static list(organizationId: string, input: { archived?: boolean; limit?: number }) {
    const query = roomsOf(organizationId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(input.limit ?? 100)
    if (input.archived !== undefined) {
      query.where((q) =>
        input.archived ? q.whereNotNull('archived_at') : q.whereNull('archived_at')
      )
    }
    return query
  }

  /** A room of the organization with its member count, or 404 (another organization's included). */
  static async find(organizationId: string, roomId: string) {
    const room = isUuid(roomId) ? await roomsOf(organizationId).where('id', roomId).first() : null
    if (!room) throw new NotFoundException('Room not found')
    return room
  }

  /** A room's members, earliest joined first, each with their user loaded. */
  static members(roomId: string) {
    return RoomMember.query().where('room_id', roomId).preload('user').orderBy('joined_at')
  }
}
