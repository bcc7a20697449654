import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import { findRoomForMember } from '#domain/rooms/room_access'

/**
 * Moves the actor's read pointer in a room forward to `seq` (capped at the
 * room's last message). The pointer is monotonic: an older seq is a no-op,
 * so out-of-order receipts from several devices cannot move it back.
 * Emits `message:read` only when it moved.
 */
export default class MarkRoomRead {
  static async handle(actor: Actor, roomId: string, input: { seq: number }) {
    const { room, member } = await findRoomForMember(actor, roomId)
    const result = await db.rawQuery(
      `UPDATE room_members rm
       SET last_read_seq = LEAST(?, r.last_seq)
       FROM rooms r
       WHERE rm.id = ? AND r.id = rm.room_id AND LEAST(?, r.last_seq) > rm.last_read_seq
       RETURNING rm.last_read_seq`,
      [input.seq, member.id, input.seq]
    )
    const moved = result.rows[0] as { last_read_seq: string } | undefined
    const lastReadSeq = moved ? Number(moved.last_read_seq) : member.lastReadSeq
    if (moved) {
      emitter.emit('message:read', {
        organizationId: room.organizationId,
        roomId: room.id,
        userId: actor.user.id,
        seq: lastReadSeq,
      })
    }
    return { roomId: room.id, lastReadSeq }
  }
}
