import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
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

/**
 * The bits of `messages.extra_kinds`: the kinds of rows a message may have
 * beside it. Each writer sets its bit in the transaction that adds the row
 * (`markExtraKind`, `restampMessage`, a new message's row for its mentions);
 * no one clears it, so a set bit means "maybe", an unset one "none".
 */
export const EXTRA_KINDS = {
  mentions: 1,
  reactions: 2,
  pin: 4,
  /** Thread replies filed under this message (it is a thread's root). */
  thread: 8,
  preview: 16,
} as const

export type ExtraKind = keyof typeof EXTRA_KINDS

/** Sets a kind's bit on a message, inside the transaction that adds its row. */
export async function markExtraKind(
  trx: TransactionClientContract,
  messageId: string,
  kind: ExtraKind
) {
  await trx.rawQuery('UPDATE messages SET extra_kinds = extra_kinds | ? WHERE id = ?', [
    EXTRA_KINDS[kind],
    messageId,
  ])
}

/** The ids of the page's messages that may have rows of `kind` (all a page CTE needs: `id`, `extra_kinds`). */
export function pageIdsWith(kind: ExtraKind) {
  return `ARRAY(SELECT id FROM page WHERE extra_kinds & ${EXTRA_KINDS[kind]} <> 0)`
}

/**
 * The same extras for a whole page of messages at once, for a statement that
 * has the page as a CTE named `page` (with `id`, `reply_to_id` and
 * `extra_kinds` columns): one aggregate per
 * source over the ids of the page's messages that may have rows there (an
 * index scan with `= ANY`: none at all for a page without any such message,
 * `EXTRA_KINDS`; a thread's replies are the messages with a `reply_to_id`), joined back to the
 * page by message id, instead of `EXTRAS_SQL`'s correlated subqueries run once
 * per row and source (about five times the database's cost of a 50-row page
 * for the same answer). A message without any gets nulls, which read as
 * `EXTRAS_SQL`'s empty list and nulls (MessageTransformer's `extrasFields`).
 * `ctes` has one binding, the viewer id; `columns` and `joins` go into
 * `SELECT page.*, ${columns} FROM page ${joins}`.
 */
export const PAGE_EXTRAS = {
  ctes: `page_reactions AS (
    SELECT r.message_id, json_agg(json_build_object('emoji', r.emoji, 'count', r.count, 'me', r.me)
             ORDER BY r.first, r.emoji) AS reactions
    FROM (SELECT message_id, emoji, count(*)::int AS count,
                 coalesce(bool_or(user_id = ?::uuid), false) AS me, min(created_at) AS first
          FROM message_reactions WHERE message_id = ANY (${pageIdsWith('reactions')})
          GROUP BY message_id, emoji) r
    GROUP BY r.message_id
  ),
  page_pins AS (
    SELECT p.message_id, json_build_object('pinnedAt', p.pinned_at, 'pinnedById', p.pinned_by_id) AS pin
    FROM message_pins p WHERE p.message_id = ANY (${pageIdsWith('pin')})
  ),
  page_threads AS (
    SELECT t.root_id, json_build_object('replyCount', count(*)::int, 'lastReplyAt', max(m.created_at),
             'participantIds', coalesce((array_agg(DISTINCT m.sender_id)
               FILTER (WHERE m.sender_id IS NOT NULL))[1:10], '{}')) AS thread
    FROM thread_replies t JOIN messages m ON m.id = t.message_id
    WHERE t.root_id = ANY (${pageIdsWith('thread')}) AND m.deleted_at IS NULL
    GROUP BY t.root_id
  ),
  page_roots AS (
    SELECT t.message_id, t.root_id FROM thread_replies t
    WHERE t.message_id = ANY (ARRAY(SELECT id FROM page WHERE reply_to_id IS NOT NULL))
  ),
  page_previews AS (
    SELECT pv.message_id, pv.preview FROM message_previews pv
    WHERE pv.message_id = ANY (${pageIdsWith('preview')})
  )`,
  columns: `page_reactions.reactions, page_pins.pin, page_threads.thread,
    page_roots.root_id AS thread_root_id, page_previews.preview`,
  joins: `LEFT JOIN page_reactions ON page_reactions.message_id = page.id
    LEFT JOIN page_pins ON page_pins.message_id = page.id
    LEFT JOIN page_threads ON page_threads.root_id = page.id
    LEFT JOIN page_roots ON page_roots.message_id = page.id
    LEFT JOIN page_previews ON page_previews.message_id = page.id`,
}

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
