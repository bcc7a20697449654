import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type Message from '#models/message'

/*
 * The one aggregation helper of the message wire shape: what a message
 * carries besides its own row (reactions with counts and whether the viewer
 * reacted, its pin, the summary of the thread it roots, the thread it is a
 * reply in), computed in the page query itself as correlated subqueries on
 * `messages.id`, so a page of N messages costs no extra query (each
 * subquery is an index lookup: the primary keys of message_reactions,
 * message_pins and thread_replies, thread_replies' `(root_id, seq)`). The result lands in `message.$extras`, which
 * MessageTransformer reads; a read that skips models can select the same
 * `EXTRAS_SQL` with the viewer id as its one binding.
 */

/** The extra columns, for `FROM messages`, with the viewer id (or null) as the only binding. */
export const EXTRAS_SQL = `(
    SELECT coalesce(json_agg(json_build_object('emoji', r.emoji, 'count', r.count, 'me', r.me)
             ORDER BY r.first, r.emoji), '[]'::json)
    FROM (SELECT emoji, count(*)::int AS count, coalesce(bool_or(user_id = ?::uuid), false) AS me,
                 min(created_at) AS first
          FROM message_reactions WHERE message_id = messages.id GROUP BY emoji) r
  ) AS reactions,
  (SELECT json_build_object('pinnedAt', p.pinned_at, 'pinnedById', p.pinned_by_id)
     FROM message_pins p WHERE p.message_id = messages.id) AS pin,
  (SELECT json_build_object('replyCount', count(*)::int, 'lastReplyAt', max(m.created_at),
            'participantIds', coalesce((array_agg(DISTINCT m.sender_id)
              FILTER (WHERE m.sender_id IS NOT NULL))[1:10], '{}'))
     FROM thread_replies t JOIN messages m ON m.id = t.message_id
     WHERE t.root_id = messages.id AND m.deleted_at IS NULL HAVING count(*) > 0) AS thread,
  (SELECT t.root_id FROM thread_replies t WHERE t.message_id = messages.id) AS thread_root_id,
  (SELECT pv.preview FROM message_previews pv WHERE pv.message_id = messages.id) AS preview`

/** Adds the extras to a page query of messages, as seen by `viewerId`. */
export function withMessageExtras(
  query: ModelQueryBuilderContract<typeof Message, Message>,
  viewerId: string | null
) {
  return query.select('messages.*').select(db.raw(EXTRAS_SQL, [viewerId]))
}

/**
 * Reads the extras of messages that did not come from a page query (the
 * answer to a reaction, an edit, a pin), in one query for all of them.
 */
export async function loadMessageExtras(messages: Message[], viewerId: string | null) {
  if (!messages.length) return
  const result = await db.rawQuery(
    `SELECT messages.id, ${EXTRAS_SQL} FROM messages WHERE messages.id = ANY(?::uuid[])`,
    [viewerId, messages.map((message) => message.id)]
  )
  const byId = new Map<string, Record<string, unknown>>(
    result.rows.map((row: Record<string, unknown>) => [row.id as string, row])
  )
  for (const message of messages) {
    const row = byId.get(message.id)
    message.$extras.reactions = row?.reactions ?? []
    message.$extras.pin = row?.pin ?? null
    message.$extras.thread = row?.thread ?? null
    message.$extras.thread_root_id = row?.thread_root_id ?? null
    message.$extras.preview = row?.preview ?? null
  }
}

/** How many members reacted with `emoji`, from extras already loaded. */
export function reactionCount(message: Message, emoji: string) {
  const rows = (message.$extras.reactions ?? []) as { emoji: string; count: number }[]
  return Number(rows.find((row) => row.emoji === emoji)?.count ?? 0)
}
