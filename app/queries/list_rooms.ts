import db from '@adonisjs/lucid/services/db'
import Room from '#models/room'
import type { Actor } from '#types/actor'
import { findRoomForMember } from '#domain/rooms/room_access'
import { currentRoomCursor, roomChangesSince } from '#domain/rooms/room_changes'
import { roomView, roomViews } from '#queries/room_views'

/** How many members `GET /chat/rooms/:roomId` lists (a list entry shows a preview). */
const SHOW_MEMBER_LIMIT = 1000

/**
 * The actor's rooms in the organization, most recent activity first, with a
 * cursor for `?after=`. With `after`, only rooms joined or changed after the
 * cursor, plus the ids of rooms left (or removed from) since. The cursor is
 * read before the rooms, so a change racing the read shows up again next
 * time rather than never.
 */
export default class ListRooms {
  static async handle(actor: Actor, input: { after?: number }) {
    const userId = actor.user.id
    const orgId = actor.organization.id
    const counter = await currentRoomCursor(db.connection(), userId, orgId)
    let roomIds: string[] | undefined
    let removed: string[] = []
    let cursor = counter
    if (input.after !== undefined) {
      const changes = await roomChangesSince(db.connection(), userId, orgId, input.after)
      roomIds = changes.changedRoomIds
      removed = changes.removedRoomIds
      cursor = Math.max(counter, changes.lastChange, input.after)
    }
    const query = Room.query()
      .withScopes((s) => s.forOrg(orgId))
      .whereIn('id', (sub) => sub.from('room_members').where('user_id', userId).select('room_id'))
      .orderByRaw('coalesce(last_message_at, created_at) desc, id asc')
    if (roomIds) query.whereIn('id', roomIds)
    const rooms = await query
    return { rooms: await roomViews(actor, rooms), removed, cursor }
  }

  /** One room the actor is a member of, with up to 1000 members listed. */
  static async show(actor: Actor, roomId: string) {
    const { room } = await findRoomForMember(actor, roomId)
    return roomView(actor, room, SHOW_MEMBER_LIMIT)
  }
}
