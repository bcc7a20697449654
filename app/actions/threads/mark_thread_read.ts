import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#types/actor'
import { findThreadForMember } from '#domain/threads/thread_access'

/**
 * Moves the actor's read pointer in a thread forward to `seq` (a reply's
 * seq; monotonic, like the room's). Reading is not following: a follow or
 * unfollow already chosen stays as it is, and none is made.
 */
export default class MarkThreadRead {
  static async handle(actor: Actor, messageId: string, input: { seq: number }) {
    const { room, rootId } = await findThreadForMember(actor, messageId)
    const result = await db.rawQuery(
      `INSERT INTO thread_follows (root_id, user_id, organization_id, room_id, following, last_read_seq)
       SELECT ?, ?, ?, ?, NULL, LEAST(?, r.last_seq) FROM rooms r WHERE r.id = ?
       ON CONFLICT (root_id, user_id) DO UPDATE
         SET last_read_seq = GREATEST(thread_follows.last_read_seq, EXCLUDED.last_read_seq)
       RETURNING last_read_seq`,
      [rootId, actor.user.id, room.organizationId, room.id, input.seq, room.id]
    )
    return { rootId, lastReadSeq: Number(result.rows[0].last_read_seq) }
  }
}
