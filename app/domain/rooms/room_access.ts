import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Room from '#models/room'
import RoomMember from '#models/room_member'
import Membership, { ROLES, type Role } from '#models/membership'
import type { Actor } from '#types/actor'
import { NotFoundException } from '#exceptions/app_exception'
import { isUuid } from '#services/org_context'
import { prefixedColumns, splitJoined } from '#services/joined_rows'

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
 * Finds a room of the actor's organization that the actor is a member of,
 * else the one 404 of chat rooms (`roomNotFound`).
 */
export async function findRoomForMember(
  actor: Actor,
  roomId: string,
  options: { client?: TransactionClientContract; lock?: boolean } = {}
): Promise<RoomAccess> {
  const seeker = { userId: actor.user.id, organizationId: actor.organization.id }
  const access = await roomOfMember(seeker, roomId, options)
  if (!access) throw roomNotFound()
  return access
}

/** The one 404 of chat rooms, whatever the reason. */
export function roomNotFound() {
  return new NotFoundException('Room not found')
}

/** Whether an organization role is moderator or higher. */
export function isModeratorOrAbove(role: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf('moderator')
}

/** Room admins and organization moderators and up manage a group room's members. */
export function canManageRoom(actor: Actor, member: RoomMember): boolean {
  return member.role === 'admin' || isModeratorOrAbove(actor.membership.role)
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
