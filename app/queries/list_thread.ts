import db from '@adonisjs/lucid/services/db'
import Message from '#models/message'
import type { Actor } from '#types/actor'
import { decryptBodies } from '#domain/messages/message_bodies'
import { withMessageExtras } from '#domain/messages/message_extras'
import { followsThread } from '#domain/threads/thread_followers'
import { findThreadForMember } from '#domain/threads/thread_access'

/** Replies per page unless the client asks for another size (1–100). */
export const DEFAULT_THREAD_PAGE = 50

/**
 * A page of a thread's replies, oldest first within the page: the latest
 * ones, or with `before` the ones before that seq (`meta.cursor` is the next
 * `before`). `meta` also tells whether the actor follows the thread and
 * their unread state in it (replies after their thread read pointer, not
 * theirs, not deleted).
 */
export default class ListThread {
  static async handle(actor: Actor, messageId: string, input: { before?: number; limit?: number }) {
    const { room, rootId } = await findThreadForMember(actor, messageId)
    const limit = input.limit ?? DEFAULT_THREAD_PAGE
    const query = withMessageExtras(Message.query(), actor.user.id)
      .withScopes((s) => s.forOrg(actor.organization.id))
      .join('thread_replies', 'thread_replies.message_id', 'messages.id')
      .where('thread_replies.root_id', rootId)
      .orderBy('messages.seq', 'desc')
      .limit(limit + 1)
      .preload('mentions')
    if (input.before !== undefined) query.where('messages.seq', '<', input.before)
    const rows = await query
    const hasMore = rows.length > limit
    const replies = rows.slice(0, limit).reverse()
    await decryptBodies(replies)
    const [following, unread] = await Promise.all([
      followsThread(rootId, room.id, actor.user.id),
      unreadState(rootId, actor.user.id),
    ])
    const cursor = replies[0]?.seq ?? null
    return { replies, meta: { hasMore, cursor, rootId, following, ...unread } }
  }
}

async function unreadState(rootId: string, userId: string) {
  const result = await db.rawQuery(
    `SELECT coalesce(f.last_read_seq, 0) AS last_read_seq, (
       SELECT count(*) FROM thread_replies t JOIN messages m ON m.id = t.message_id
       WHERE t.root_id = ? AND t.seq > coalesce(f.last_read_seq, 0)
         AND m.deleted_at IS NULL AND m.sender_id IS DISTINCT FROM ?
     ) AS unread
     FROM (SELECT 1) one
     LEFT JOIN thread_follows f ON f.root_id = ? AND f.user_id = ?`,
    [rootId, userId, rootId, userId]
  )
  const row = result.rows[0]
  return { lastReadSeq: Number(row.last_read_seq), unreadCount: Number(row.unread) }
}
