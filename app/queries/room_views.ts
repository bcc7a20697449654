import db from '@adonisjs/lucid/services/db'
import type Room from '#models/room'
import RoomMember from '#models/room_member'
import Message from '#models/message'
import type { Actor } from '#types/actor'
import type { RoomView } from '#types/room_view'
import { decryptBodies } from '#domain/messages/message_bodies'

/** How many members a room list entry shows (a show of one room shows more). */
export const MEMBER_PREVIEW = 10

/**
 * Builds what the actor sees of some rooms, in a fixed number of queries
 * whatever the number of rooms: their membership, unread counts (messages
 * after their read pointer, not theirs, not deleted), a members preview and
 * the last message of each room. Call it after commit (it uses the pool).
 */
export async function roomViews(actor: Actor, rooms: Room[], memberLimit = MEMBER_PREVIEW) {
  if (!rooms.length) return []
  const ids = rooms.map((room) => room.id)
  const [mine, unread, members, lastMessages] = await Promise.all([
    RoomMember.query().where('user_id', actor.user.id).whereIn('room_id', ids),
    unreadCounts(actor.user.id, ids),
    memberPreviews(ids, memberLimit),
    latestMessages(ids),
  ])
  return rooms.map((room): RoomView => ({
    room,
    me: mine.find((member) => member.roomId === room.id) ?? null,
    unreadCount: unread.get(room.id) ?? 0,
    memberCount: members.counts.get(room.id) ?? 0,
    members: members.rows.filter((member) => member.roomId === room.id),
    lastMessage: lastMessages.find((message) => message.roomId === room.id) ?? null,
  }))
}

/** The view of one room. */
export async function roomView(actor: Actor, room: Room, memberLimit = MEMBER_PREVIEW) {
  const [view] = await roomViews(actor, [room], memberLimit)
  return view
}

async function unreadCounts(userId: string, roomIds: string[]) {
  const result = await db.rawQuery(
    `SELECT rm.room_id, (
       SELECT count(*) FROM messages m
       WHERE m.room_id = rm.room_id AND m.seq > rm.last_read_seq
         AND m.deleted_at IS NULL AND NOT m.thread_only
         AND m.sender_id IS DISTINCT FROM rm.user_id
     ) AS unread
     FROM room_members rm WHERE rm.user_id = ? AND rm.room_id = ANY(?::uuid[])`,
    [userId, roomIds]
  )
  return new Map<string, number>(
    result.rows.map((row: { room_id: string; unread: string }) => [row.room_id, Number(row.unread)])
  )
}

async function memberPreviews(roomIds: string[], limit: number) {
  const ranked = await db.rawQuery(
    `SELECT id, room_id, total FROM (
       SELECT id, row_number() OVER (PARTITION BY room_id ORDER BY joined_at, user_id) AS rank,
              count(*) OVER (PARTITION BY room_id) AS total, room_id
       FROM room_members WHERE room_id = ANY(?::uuid[])
     ) ranked WHERE rank <= ?`,
    [roomIds, limit]
  )
  const rows = await RoomMember.query()
    .whereIn(
      'id',
      ranked.rows.map((row: { id: string }) => row.id)
    )
    .preload('user')
    .orderBy('joined_at', 'asc')
    .orderBy('user_id', 'asc')
  const counts = new Map<string, number>()
  for (const row of ranked.rows as { room_id: string; total: string }[]) {
    counts.set(row.room_id, Number(row.total))
  }
  return { rows, counts }
}

async function latestMessages(roomIds: string[]) {
  const latest = await db.rawQuery(
    `SELECT m.id FROM unnest(?::uuid[]) AS r(id)
     CROSS JOIN LATERAL (
       SELECT id FROM messages WHERE room_id = r.id AND NOT thread_only ORDER BY seq DESC LIMIT 1
     ) m`,
    [roomIds]
  )
  const messages = await Message.query()
    .whereIn(
      'id',
      latest.rows.map((row: { id: string }) => row.id)
    )
    .preload('mentions')
  await decryptBodies(messages)
  return messages
}
