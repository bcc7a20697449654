import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Room from '#models/room'

/*
 * Room membership as plugins read it (through `#extensions/rooms`): who is in
 * a room, which rooms a user is in, who shares a room with a user. Plugins
 * call these instead of querying `room_members` themselves.
 */

/** A room by id, in any organization (for listeners that receive a room id), or null. */
export function findRoomById(roomId: string, client: QueryClientContract = db.connection()) {
  return Room.find(roomId, { client })
}

/**
 * The room's current members: room members who still belong to the room's
 * organization (someone removed from the organization keeps no room access).
 */
export async function currentRoomMemberIds(
  roomId: string,
  organizationId: string,
  client: QueryClientContract = db.connection()
): Promise<string[]> {
  const rows = await client
    .from('room_members as rm')
    .join('memberships as m', (join) => {
      join.on('m.user_id', 'rm.user_id').andOnVal('m.organization_id', organizationId)
    })
    .where('rm.room_id', roomId)
    .select('rm.user_id')
  return rows.map((row: { user_id: string }) => row.user_id)
}

/** Ids of the rooms `userId` is a member of, in every organization. */
export async function roomIdsOfMember(
  userId: string,
  client: QueryClientContract = db.connection()
): Promise<string[]> {
  const rows = await client.from('room_members').where('user_id', userId).select('room_id')
  return rows.map((row: { room_id: string }) => row.room_id)
}

/** Users who share at least one room with `userId` (`userId` included once it is in a room). */
export async function roomContactIds(
  userId: string,
  client: QueryClientContract = db.connection()
): Promise<string[]> {
  const rows = await client
    .from('room_members as theirs')
    .join('room_members as mine', 'mine.room_id', 'theirs.room_id')
    .where('mine.user_id', userId)
    .distinct('theirs.user_id')
  return rows.map((row: { user_id: string }) => row.user_id)
}

/** Which of `userIds` are members of the room right now. */
export async function membersAmong(
  roomId: string,
  userIds: string[],
  client: QueryClientContract = db.connection()
): Promise<Set<string>> {
  if (!userIds.length) return new Set()
  const rows = await client
    .from('room_members')
    .where('room_id', roomId)
    .whereIn('user_id', userIds)
    .select('user_id')
  return new Set(rows.map((row: { user_id: string }) => row.user_id))
}
