import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Room, { type RoomType, type RoomVisibility } from '#models/room'
import RoomMember, { type RoomRole } from '#models/room_member'
import { createRoomKey } from '#domain/messages/message_bodies'
import { recordRoomChanges } from '#domain/rooms/room_changes'

/** What a new room starts with. */
export interface NewRoom {
  organizationId: string
  type: RoomType
  name: string | null
  description: string | null
  encrypted: boolean
  /** Private unless given (direct rooms always are). */
  visibility?: RoomVisibility
  directKey: string | null
  createdById: string
  members: { userId: string; role: RoomRole }[]
}

/**
 * Inserts a room, its members, its at-rest data key and the members' room
 * list changes, all in the caller's transaction: a room never exists without
 * its key or without appearing in its members' change feeds.
 */
export async function insertRoom(trx: TransactionClientContract, input: NewRoom) {
  const room = await Room.create(
    {
      organizationId: input.organizationId,
      type: input.type,
      name: input.name,
      description: input.description,
      encrypted: input.encrypted,
      visibility: input.visibility ?? 'private',
      directKey: input.directKey,
      createdById: input.createdById,
      lastSeq: 0,
      changeSeq: 0,
    },
    { client: trx }
  )
  await insertMembers(trx, room, input.members)
  await createRoomKey(room.id, room.organizationId, trx)
  await recordRoomChanges(trx, {
    organizationId: room.organizationId,
    roomId: room.id,
    userIds: input.members.map((member) => member.userId),
  })
  return room
}

/**
 * Adds members, skipping users already in the room (the unique index on
 * (room_id, user_id) decides), and returns the user ids actually added. New
 * members start with the existing history read, so joining is not a wall of
 * unread messages.
 */
export async function insertMembers(
  trx: TransactionClientContract,
  room: Room,
  members: { userId: string; role: RoomRole }[]
): Promise<string[]> {
  if (!members.length) return []
  const rows = members.map((member) => ({
    id: crypto.randomUUID(),
    organization_id: room.organizationId,
    room_id: room.id,
    user_id: member.userId,
    role: member.role,
    last_read_seq: room.lastSeq,
    joined_at: new Date(),
  }))
  const inserted = await trx
    .knexQuery()
    .table(RoomMember.table)
    .insert(rows)
    .onConflict(['room_id', 'user_id'])
    .ignore()
    .returning('user_id')
  return inserted.map((row: { user_id: string }) => row.user_id)
}
