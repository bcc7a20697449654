import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Room from '#models/room'
import RoomMember from '#models/room_member'
import Membership from '#models/membership'
import type { Actor } from '#types/actor'
import { NotFoundException } from '#exceptions/app_exception'
import { isUuid } from '#services/org_context'
import { prefixedColumns, splitJoined } from '#services/joined_rows'
import accessCache, { type RoomEntry } from '#services/access_cache'

/** A room together with the actor's membership of it. */
export interface RoomAccess {
  room: Room
  member: RoomMember
}

/** Who asks for a room: a user acting in one organization. */
export interface RoomSeeker {
  userId: string
  organizationId: string
}

/**
 * The room gate: a room of the organization that the user is a member of, or
 * null. An absent room, another organization's room and a room the user is
 * not in are the same answer (DESIGN.md §3). With `lock`, the room row is
 * locked (`FOR UPDATE`) for the rest of the transaction. Room and membership
 * come in one query: every chat request pays this lookup. REST and socket
 * actions reach it through `findRoomForMember`, the SSE authorizer through
 * `#queries/channel_access`.
 */
export async function roomOfMember(
  seeker: RoomSeeker,
  roomId: string,
  options: { client?: TransactionClientContract; lock?: boolean } = {}
): Promise<RoomAccess | null> {
  if (!isUuid(roomId) || !isUuid(seeker.organizationId)) return null
  const query = (options.client ?? db.connection())
    .from('rooms as r')
    .join('room_members as rm', (join) =>
      join.on('rm.room_id', 'r.id').andOnVal('rm.user_id', seeker.userId)
    )
    .where('r.organization_id', seeker.organizationId)
    .where('r.id', roomId)
    .select('r.*', ...prefixedColumns(RoomMember, 'rm', 'member'))
  if (options.lock) query.forUpdate('r')
  const row = await query.first()
  if (!row) return null
  const [room, member] = splitJoined(row, Room, RoomMember, 'member')
  return { room, member }
}

/**
 * The same gate as `roomOfMember`, as SQL to put in front of a read that
 * should cost one statement (a `WITH gate AS (…)` of the message pages): one
 * row `(id, change_seq)` when the room is of the seeker's organization and
 * the seeker is a member of it, none otherwise. Null when an id is not a
 * UUID (no query: the 404 is already known).
 */
export function roomGateSql(seeker: RoomSeeker, roomId: string) {
  if (!isUuid(roomId) || !isUuid(seeker.organizationId)) return null
  return {
    sql: `SELECT r.id, r.change_seq FROM rooms r
      JOIN room_members rm ON rm.room_id = r.id AND rm.user_id = ?
      WHERE r.organization_id = ? AND r.id = ?`,
    bindings: [seeker.userId, seeker.organizationId, roomId],
  }
}

/**
 * Finds a room of the actor's organization that the actor is a member of,
 * else the one 404 of chat rooms (`roomNotFound`). A server admin acting
 * through chatctl (`actor.serverAdmin`) reaches any room of the
 * organization, as a room admin who is not a member of it.
 */
export async function findRoomForMember(
  actor: Actor,
  roomId: string,
  options: { client?: TransactionClientContract; lock?: boolean } = {}
): Promise<RoomAccess> {
  if (actor.serverAdmin) return roomForServerAdmin(actor, roomId, options)
  const seeker = { userId: actor.user.id, organizationId: actor.organization.id }
  const access = await roomOfMember(seeker, roomId, options)
  if (!access) throw roomNotFound()
  return access
}

/**
 * A room and the ids of its members that are still in its organization, in
 * one query (the member ids travel as one array).
 */
async function loadRoomEntry(roomId: string): Promise<RoomEntry | null> {
  const result = await db.rawQuery(
    `SELECT r.*, ARRAY(
       SELECT rm.user_id::text FROM room_members rm
       JOIN memberships m ON m.user_id = rm.user_id AND m.organization_id = rm.organization_id
       WHERE rm.room_id = r.id) AS member_ids
     FROM rooms r WHERE r.id = ?`,
    [roomId]
  )
  const row = result.rows[0]
  if (!row) return null
  const { member_ids: memberIds, ...columns } = row as { member_ids: string[] }
  const room = Room.$createFromAdapterResult(columns)!
  return { room, memberIds, members: new Set(memberIds) }
}

/**
 * The room gate of a send: the room of the actor's organization that the
 * actor is a member of, with its member ids (mentions and notifications
 * need them), else the one 404. The common case reads nothing: the node
 * keeps rooms (app/services/access_cache.ts, dropped on every node by the
 * events that change them). Whatever is not a plain yes from the cache (no
 * entry, the actor not among the members, an archived room) is read again,
 * so a member just added is never refused. The group commit re-checks
 * membership and archive under the room lock: the cache can delay no
 * refusal.
 */
export async function roomForSend(actor: Actor, roomId: string): Promise<RoomEntry> {
  if (!isUuid(roomId)) throw roomNotFound()
  const usable = (entry: RoomEntry | null | undefined): entry is RoomEntry =>
    Boolean(entry) &&
    entry!.room.organizationId === actor.organization.id &&
    entry!.members.has(actor.user.id)
  const cached = accessCache.room(roomId)
  if (usable(cached) && !cached.room.archivedAt) return cached
  const epoch = accessCache.epoch
  const loaded = await loadRoomEntry(roomId)
  if (!usable(loaded)) throw roomNotFound()
  accessCache.keepRoom(loaded, epoch)
  return loaded
}

async function roomForServerAdmin(
  actor: Actor,
  roomId: string,
  options: { client?: TransactionClientContract; lock?: boolean }
): Promise<RoomAccess> {
  if (!isUuid(roomId)) throw roomNotFound()
  const query = Room.query({ client: options.client })
    .withScopes((s) => s.forOrg(actor.organization.id))
    .where('id', roomId)
  if (options.lock) query.forUpdate()
  const room = await query.first()
  if (!room) throw roomNotFound()
  const member = new RoomMember().merge({ roomId: room.id, userId: actor.user.id, role: 'admin' })
  return { room, member }
}

/** The one 404 of chat rooms, whatever the reason. */
export function roomNotFound() {
  return new NotFoundException('Room not found')
}

/**
 * Checks that every user id belongs to the actor's organization; anyone else
 * is "not found", as users are only visible to people sharing an organization.
 */
export async function assertOrgMembers(
  actor: Actor,
  userIds: string[],
  client?: TransactionClientContract
) {
  if (!userIds.length) return
  const rows = await Membership.query({ client })
    .withScopes((s) => s.forOrg(actor.organization.id))
    .whereIn('user_id', userIds)
    .select('user_id')
  if (rows.length !== new Set(userIds).size) throw new NotFoundException('User not found')
}
