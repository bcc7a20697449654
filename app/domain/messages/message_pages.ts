import pg from 'pg'
import { roomGateSql, type RoomSeeker } from '#domain/rooms/room_access'
import MessageCipher from '#services/message_cipher'
import type { MessageRecord } from '#types/message_record'
import { PAGE_EXTRAS, pageIdsWith } from '#domain/messages/message_extras'
import { preparedRows } from '#services/prepared_statements'
import type { SessionProof } from '#types/actor'
import { sessionProofSql } from '#domain/auth/session_proof'

/** Which page of a room: the latest (optionally before a seq), or the changes after a cursor. */
export type PageCursor =
  { before?: number; after?: undefined } | { after: number; before?: undefined }

/** A page as read: the room's change counter (read in the same snapshot) and the rows. */
export interface RoomPage {
  changeSeq: number
  records: MessageRecord[]
}

/**
 * Everything a client sees of a message row. Its mentions (one JSON array,
 * `PAGE_MENTIONS`) and extras (reactions as seen by the reader, pin, thread,
 * preview: `PAGE_EXTRAS`, whose one binding is the reader's id) are
 * aggregated once for the limited page, see `pageStatement`.
 */
const COLUMNS = `messages.id, messages.room_id, messages.sender_id, messages.seq,
  messages.version_seq, messages.reply_to_id, messages.thread_only, messages.client_message_id,
  messages.body_ciphertext, messages.body_key_id, messages.encrypted_payload,
  messages.edited_at, messages.deleted_at, messages.created_at, messages.extra_kinds`

/** The mentions of the page's messages, one JSON array per message that has any (probed only where `extra_kinds` says it may). */
const PAGE_MENTIONS = `page_mentions AS (
    SELECT mm.message_id, json_agg(json_build_object('userId', mm.user_id, 'kind', mm.kind)
             ORDER BY mm.user_id) AS mentions
    FROM message_mentions mm WHERE mm.message_id = ANY (${pageIdsWith('mentions')})
    GROUP BY mm.message_id
  )`

/**
 * The one statement of a history page: the room gate (organization and
 * membership) and the page, with mentions and extras, in a single snapshot.
 * The page is a CTE of `limit + 1` rows; mentions and extras are aggregated
 * over its ids, one index scan per source (`PAGE_EXTRAS`), not per row, and
 * only when the gate let the page be read at all (the join from an empty
 * gate never reads it). The message rows are selected by `room_id` alone —
 * the organization is already proven by the gate, and no row comes back
 * without it — because `organization_id = $org AND room_id = $room` makes
 * the planner multiply two correlated selectivities, underestimate the room,
 * and on a large room prefer reading all of it and sorting to walking the
 * `(room_id, seq)` index backwards for `limit + 1` rows. With a recalled
 * session (`proof`), the gate also proves it (`sessionProofSql`), so a
 * session ended by then lets nothing be read. Exported for the plan test.
 * Null when an id is not a UUID.
 */
export function pageStatement(
  seeker: RoomSeeker,
  roomId: string,
  limit: number,
  cursor: PageCursor,
  proof?: SessionProof
) {
  const room = roomGateSql(seeker, roomId)
  if (!room) return null
  const session = proof && sessionProofSql(proof)
  const gate = session
    ? {
        sql: `${room.sql} AND EXISTS (${session.sql})`,
        bindings: [...room.bindings, ...session.bindings],
      }
    : room
  const page =
    cursor.after !== undefined
      ? {
          sql: `SELECT ${COLUMNS} FROM messages
            WHERE messages.room_id = ? AND messages.version_seq > ?
            ORDER BY messages.version_seq ASC LIMIT ?`,
          bindings: [roomId, cursor.after, limit + 1],
        }
      : {
          sql: `SELECT ${COLUMNS} FROM messages WHERE messages.room_id = ?
            AND NOT messages.thread_only
            ${cursor.before !== undefined ? 'AND messages.seq < ?' : ''}
            ORDER BY messages.seq DESC LIMIT ?`,
          bindings: [roomId, ...(cursor.before !== undefined ? [cursor.before] : []), limit + 1],
        }
  return {
    sql: `WITH gate AS (${gate.sql}),
      page AS MATERIALIZED (${page.sql}),
      ${PAGE_MENTIONS},
      ${PAGE_EXTRAS.ctes}
      SELECT gate.change_seq AS gate_change_seq, page_rows.* FROM gate LEFT JOIN (
        SELECT page.*, page_mentions.mentions, ${PAGE_EXTRAS.columns}
        FROM page LEFT JOIN page_mentions ON page_mentions.message_id = page.id
        ${PAGE_EXTRAS.joins}
      ) page_rows ON true`,
    bindings: [...gate.bindings, ...page.bindings, seeker.userId],
  }
}

/**
 * A row of the page statement, every value as PostgreSQL's text (`raw`
 * statement: a row seen before is recognized by its text, before anything is
 * parsed); `id` null: the gate passed, the page is empty.
 */
interface PageRow {
  gate_change_seq: string
  id: string | null
  room_id: string
  sender_id: string | null
  seq: string
  version_seq: string
  reply_to_id: string | null
  thread_only: string
  client_message_id: string | null
  body_ciphertext: string | null
  body_key_id: string | null
  encrypted_payload: string | null
  /** Null when the message mentions no one. */
  mentions: string | null
  reactions: string | null
  pin: string | null
  thread: string | null
  thread_root_id: string | null
  preview: string | null
  edited_at: string | null
  deleted_at: string | null
  created_at: string
}

/** Every column a record is made of (`id` is the memo's key). */
const RECORD_COLUMNS = [
  'room_id',
  'sender_id',
  'seq',
  'version_seq',
  'reply_to_id',
  'thread_only',
  'client_message_id',
  'body_ciphertext',
  'body_key_id',
  'encrypted_payload',
  'mentions',
  'reactions',
  'pin',
  'thread',
  'thread_root_id',
  'preview',
  'edited_at',
  'deleted_at',
  'created_at',
] as const satisfies readonly (keyof PageRow)[]

/** `pg`'s own parsers, as the same columns read through a query with the default types. */
const parseTimestamp = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (
  value: string
) => Date
const parseJson = pg.types.getTypeParser(pg.types.builtins.JSON) as (value: string) => any
const parseBool = pg.types.getTypeParser(pg.types.builtins.BOOL) as (value: string) => boolean

const json = (value: string | null) => (value === null ? null : parseJson(value))
const timestamp = (value: string | null) => (value === null ? null : parseTimestamp(value))

/** A row as a record; the body is filled in by `pageRecords`. */
function toRecord(row: PageRow): MessageRecord {
  return {
    id: row.id!,
    roomId: row.room_id,
    senderId: row.sender_id,
    seq: Number(row.seq),
    versionSeq: Number(row.version_seq),
    replyToId: row.reply_to_id,
    threadOnly: parseBool(row.thread_only),
    clientMessageId: row.client_message_id,
    body: null,
    encryptedPayload: json(row.encrypted_payload),
    mentions: json(row.mentions) ?? [],
    extras: {
      reactions: json(row.reactions),
      pin: json(row.pin),
      thread: json(row.thread),
      thread_root_id: row.thread_root_id,
      preview: json(row.preview),
    },
    editedAt: timestamp(row.edited_at),
    deletedAt: timestamp(row.deleted_at),
    createdAt: parseTimestamp(row.created_at),
  }
}

/** How many records `RecentRecords` keeps (a few MB: 100 rooms' latest pages). */
const RECENT_LIMIT = 5000

/**
 * The records of page rows read lately, by message id. A row is answered
 * with the record made from it before only when every column reads the same
 * text again (so an edit, a delete, a reaction, a pin, a thread reply or a
 * preview, which change a column, and the reader's own `me` on reactions,
 * are never answered from an older row) and its body's key is still the very
 * key Buffer that opened it (`MessageCipher.keyById`; a forgotten, rotated or
 * destroyed key misses, as in the opened-bodies memo; and when a key leaves
 * the cache, the records it opened leave here too, `MessageCipher.holdPlaintexts`).
 * Records are shared
 * between requests from here on: no one changes a record after it is made.
 * Oldest first out.
 */
class RecentRecords {
  #entries = new Map<string, { row: PageRow; key: Buffer | null; record: MessageRecord }>()

  take(row: PageRow, key: Buffer | null) {
    const entry = this.#entries.get(row.id!)
    if (!entry || entry.key !== key) return undefined
    for (const column of RECORD_COLUMNS) if (entry.row[column] !== row[column]) return undefined
    return entry.record
  }

  keep(row: PageRow, key: Buffer | null, record: MessageRecord) {
    this.#entries.delete(row.id!)
    this.#entries.set(row.id!, { row, key, record })
    if (this.#entries.size > RECENT_LIMIT) this.#entries.delete(this.#entries.keys().next().value!)
  }

  /** Drops the records whose bodies this key opened (every record when none is named). */
  forget(keyId?: string) {
    if (keyId === undefined) return this.#entries.clear()
    for (const [id, entry] of this.#entries)
      if (entry.row.body_key_id === keyId) this.#entries.delete(id)
  }

  /** How many records opened with this key are kept (all records when none is named). */
  count(keyId?: string) {
    if (keyId === undefined) return this.#entries.size
    let count = 0
    for (const entry of this.#entries.values()) if (entry.row.body_key_id === keyId) count++
    return count
  }
}

const recent = new RecentRecords()
MessageCipher.holdPlaintexts((keyId) => recent.forget(keyId))

/** Forgets the records of rows read lately (tests). */
export function forgetRecentRecords() {
  recent.forget()
}

/** How many records of rows read lately are kept, of one key's bodies or all (tests). */
export function recentRecordsKept(keyId?: string) {
  return recent.count(keyId)
}

/** Whether a row's body is stored encrypted at rest (and so opened with a room key). */
const sealed = (row: PageRow) => !row.deleted_at && row.body_ciphertext && row.body_key_id

/**
 * The records of a page's rows: each room key looked up once, then every row
 * taken from `RecentRecords` or parsed, its body opened (or taken from the
 * memo of bodies opened recently).
 */
async function pageRecords(rows: PageRow[]) {
  const keys = new Map<string, Buffer>()
  for (const row of rows) {
    if (sealed(row) && !keys.has(row.body_key_id!))
      keys.set(row.body_key_id!, await MessageCipher.keyById(row.body_key_id!))
  }
  return rows.map((row) => {
    const key = sealed(row) ? keys.get(row.body_key_id!)! : null
    const known = recent.take(row, key)
    if (known) return known
    const record = toRecord(row)
    if (key) record.body = MessageCipher.openRecentBody(row.body_key_id!, key, row.body_ciphertext!)
    recent.keep(row, key, record)
    return record
  })
}

/**
 * Reads one page of a room for a member, in one statement (a named one:
 * planned once per connection, app/services/prepared_statements.ts): null when the
 * room is not the seeker's (absent, another organization's, or not a member:
 * the one 404) or a recalled session's `proof` fails, else the room's change
 * counter and up to `limit + 1` records in query order (newest first for the
 * latest page, oldest change first for `after`), bodies decrypted.
 */
export async function readRoomPage(
  seeker: RoomSeeker,
  roomId: string,
  limit: number,
  cursor: PageCursor,
  proof?: SessionProof
): Promise<RoomPage | null> {
  const statement = pageStatement(seeker, roomId, limit, cursor, proof)
  if (!statement) return null
  const rows = await preparedRows<PageRow>(statement.sql, statement.bindings, undefined, {
    raw: true,
  })
  if (!rows.length) return null
  const present = rows[0].id === null ? [] : rows
  const rank =
    cursor.after !== undefined
      ? (row: PageRow) => Number(row.version_seq)
      : (row: PageRow) => -Number(row.seq)
  present.sort((a, b) => rank(a) - rank(b))
  return { changeSeq: Number(rows[0].gate_change_seq), records: await pageRecords(present) }
}
