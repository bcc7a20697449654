import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Message from '#models/message'
import type { EncryptedPayload } from '#services/e2e_rooms'
import { preparedRows } from '#services/prepared_statements'

/** What a client sends (REST `POST /chat/messages`, socket `send_message`). */
export interface SendMessageInput {
  roomId: string
  content: string
  replyToId?: string
  clientMessageId?: string
  mentions?: string[]
  /** With `replyToId`: the reply stays in its thread, out of the room's timeline. */
  threadOnly?: boolean
}

/** What is stored as the body: plaintext (encrypted at rest here) or an opaque E2E payload. */
export type MessageBodyInput = { content: string } | { encrypted: EncryptedPayload }

/** The ids around a body that every send carries. */
export type InsertMessageInput = Omit<SendMessageInput, 'content' | 'roomId'> & MessageBodyInput

/**
 * THE column list of a new message, with each column's PostgreSQL type.
 * Every path that writes messages inserts through `insertMessageRows` (a
 * lone end-to-end send) or `writeNumberedRows` (a group commit batch), both
 * built from this list, so a column added to `messages` is added here once.
 * The remaining columns (`edited_at`, `deleted_at`) start out null.
 */
const COLUMNS = {
  id: 'uuid',
  organization_id: 'uuid',
  room_id: 'uuid',
  sender_id: 'uuid',
  seq: 'bigint',
  version_seq: 'bigint',
  reply_to_id: 'uuid',
  client_message_id: 'uuid',
  body_hash: 'text',
  body_ciphertext: 'text',
  body_key_id: 'uuid',
  encrypted_payload: 'jsonb',
  thread_only: 'boolean',
  extra_kinds: 'smallint',
  created_at: 'timestamptz',
} as const

type Column = keyof typeof COLUMNS

/** One new message as it is inserted. */
export interface MessageRow extends Record<Column, unknown> {
  id: string
  organization_id: string
  room_id: string
  sender_id: string
  seq: number
  version_seq: number
  reply_to_id: string | null
  client_message_id: string | null
  body_hash: string
  body_ciphertext: string | null
  body_key_id: string | null
  encrypted_payload: EncryptedPayload | null
  thread_only: boolean
  /** `EXTRA_KINDS.mentions` when the message is stored with mentions, else 0. */
  extra_kinds: number
  created_at: Date
}

const NAMES = Object.keys(COLUMNS) as Column[]
const INSERT = `INSERT INTO messages (${NAMES.join(', ')})
  SELECT * FROM unnest(${NAMES.map((name) => `?::${COLUMNS[name]}[]`).join(', ')})`

/** Inserts new messages in one statement, one array parameter per column. */
export async function insertMessageRows(trx: TransactionClientContract, rows: MessageRow[]) {
  const value = (row: MessageRow, name: Column) =>
    name === 'encrypted_payload' && row.encrypted_payload !== null
      ? JSON.stringify(row.encrypted_payload)
      : row[name]
  await trx.rawQuery(
    INSERT,
    NAMES.map((name) => rows.map((row) => value(row, name)) as string[])
  )
}

/** A new message before its room's counter numbers it: `seq` and `version_seq` come from the write. */
export type UnnumberedRow = Omit<MessageRow, 'seq' | 'version_seq'>

/** A mention to store with a new message (written only if the message is). */
export interface MentionRow {
  message_id: string
  user_id: string
  organization_id: string
  kind: string
}

const NUMBERED = new Set<Column>(['seq', 'version_seq'])
const GIVEN = NAMES.filter((name) => !NUMBERED.has(name))

/*
 * The whole write of a group commit batch, in ONE statement (its rooms are
 * already locked by the batch's admission). Its snapshot is taken after those
 * locks were granted, so every message an earlier holder committed is
 * visible: a `clientMessageId` already stored drops its row here, before the
 * counters move, and seqs stay gap-free. Each room's counters move by exactly
 * its surviving rows, which are numbered in batch order (its
 * `last_message_at` only for rows that are not thread-only replies); the senders' read
 * pointers move to their newest message, and the mentions and the blind
 * search index rows (app/services/blind_index.ts) of the written messages
 * are stored: a message is searchable from the moment it is acknowledged,
 * and the index costs the send no statement of its own.
 *
 * The `clientMessageId` check is a per-row probe (LATERAL … LIMIT 1, which
 * PostgreSQL cannot turn into a join or a hashed subplan): written as `OR NOT
 * EXISTS`, a large batch on a table of a few thousand to tens of thousands
 * of messages was planned as one hashed scan of ALL of `messages` per batch
 * (docs/scaling.md); the probe uses messages_room_sender_client_id_unique.
 */
const WRITE = `WITH v AS (
  SELECT * FROM unnest(${GIVEN.map((name) => `?::${COLUMNS[name]}[]`).join(', ')})
    WITH ORDINALITY AS v(${GIVEN.join(', ')}, ord)
), fresh AS (
  SELECT v.*, row_number() OVER (PARTITION BY v.room_id ORDER BY v.ord) AS n FROM v
  LEFT JOIN LATERAL (
    SELECT true AS stored FROM messages m WHERE m.room_id = v.room_id
      AND m.sender_id = v.sender_id AND m.client_message_id = v.client_message_id LIMIT 1
  ) d ON v.client_message_id IS NOT NULL
  WHERE d.stored IS NULL
), bumped AS (
  UPDATE rooms r SET last_seq = r.last_seq + c.n, change_seq = r.change_seq + c.n,
    last_message_at = CASE WHEN c.shared THEN now() ELSE r.last_message_at END
  FROM (SELECT room_id, count(*) AS n, bool_or(NOT thread_only) AS shared FROM fresh
        GROUP BY room_id) c WHERE r.id = c.room_id
  RETURNING r.id, r.last_seq - c.n AS seq0, r.change_seq - c.n AS change0
), written AS (
  INSERT INTO messages (${GIVEN.join(', ')}, seq, version_seq)
  SELECT ${GIVEN.map((name) => `f.${name}`).join(', ')}, b.seq0 + f.n, b.change0 + f.n
  FROM fresh f JOIN bumped b ON b.id = f.room_id
  RETURNING id, organization_id, room_id, sender_id, body_key_id, seq, version_seq
), pointers AS (
  UPDATE room_members rm SET last_read_seq = GREATEST(rm.last_read_seq, x.seq), last_sent_at = now()
  FROM (SELECT room_id, sender_id, max(seq) AS seq FROM written GROUP BY room_id, sender_id) x
  WHERE rm.room_id = x.room_id AND rm.user_id = x.sender_id
), mentioned AS (
  INSERT INTO message_mentions (message_id, user_id, organization_id, kind)
  SELECT mm.* FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[])
    AS mm(message_id, user_id, organization_id, kind)
  WHERE mm.message_id IN (SELECT id FROM written)
), indexed AS (
  INSERT INTO message_search (message_id, organization_id, room_id, key_id, terms)
  SELECT w.id, w.organization_id, w.room_id, w.body_key_id,
    coalesce(string_to_array(t.terms, ' '), '{}')
  FROM written w LEFT JOIN unnest(?::uuid[], ?::text[]) AS t(message_id, terms)
    ON t.message_id = w.id
  WHERE w.body_key_id IS NOT NULL
)
SELECT id, seq, version_seq FROM written`

/** The blind index terms of one new message (an E2E payload or an empty body has none). */
export interface SearchTerms {
  message_id: string
  terms: string[]
}

/** The write statement of a batch and its bindings (see WRITE; the plan test reads it). */
export function writeStatement(
  rows: UnnumberedRow[],
  mentions: MentionRow[],
  search: SearchTerms[] = []
) {
  const value = (row: UnnumberedRow, name: Column) =>
    name === 'encrypted_payload' && row.encrypted_payload !== null
      ? JSON.stringify(row.encrypted_payload)
      : row[name as keyof UnnumberedRow]
  const bindings = [
    ...GIVEN.map((name) => rows.map((row) => value(row, name))),
    mentions.map((m) => m.message_id),
    mentions.map((m) => m.user_id),
    mentions.map((m) => m.organization_id),
    mentions.map((m) => m.kind),
    search.map((entry) => entry.message_id),
    search.map((entry) => entry.terms.join(' ')),
  ]
  return { sql: WRITE, bindings }
}

/**
 * Writes a batch's new messages, numbering them, in one statement (see
 * WRITE). Answers the seq and version seq of each row written; a row whose
 * `clientMessageId` was already stored is absent, and so are its mentions
 * and index terms. Each message's index terms travel as one space-separated
 * string (terms are base64: no space), split by PostgreSQL: an array of
 * every term beside its message id cost `pg` an escaped element per term
 * and the statement ~1.3 KB more per bench message.
 */
export async function writeNumberedRows(
  trx: TransactionClientContract,
  rows: UnnumberedRow[],
  mentions: MentionRow[],
  search: SearchTerms[] = []
) {
  const { sql, bindings } = writeStatement(rows, mentions, search)
  const written = await preparedRows<{ id: string; seq: string; version_seq: string }>(
    sql,
    bindings,
    trx,
    { cachedPlan: false }
  )
  const numbers = new Map<string, { seq: number; versionSeq: number }>()
  for (const row of written) {
    numbers.set(row.id, { seq: Number(row.seq), versionSeq: Number(row.version_seq) })
  }
  return numbers
}

/**
 * The persisted model of a row just inserted, as a read of it would hydrate
 * it; `createdAt` is the very DateTime the row's `created_at` was taken from.
 * The attributes are built here and set at once: `$consumeAdapterResult`
 * sets each through the model's proxy (several traps per column), which was
 * ~5% of a send's node CPU. Each column still goes through its `consume`.
 */
export function messageFromRow(row: MessageRow, createdAt: DateTime) {
  const message = new Message()
  const attributes: Record<string, unknown> = { createdAt, editedAt: null, deletedAt: null }
  for (const [name, attribute, consume] of messageColumns()) {
    if (attribute === 'createdAt') continue
    const value = row[name]
    attributes[attribute] = consume ? consume(value, attribute, message) : value
  }
  message.$attributes = attributes
  message.$isPersisted = true
  return message
}

type Consume = (value: unknown, attribute: string, model: Message) => unknown

let columns: [Column, string, Consume | undefined][] | undefined

/** Each stored column with its model attribute and `consume`, looked up once. */
function messageColumns() {
  columns ??= NAMES.map((name) => {
    const attribute = Message.$keys.columnsToAttributes.get(name)
    if (!attribute) throw new Error(`Message has no attribute for the column ${name}`)
    return [name, attribute, Message.$getColumn(attribute)!.consume as Consume | undefined]
  })
  return columns
}
