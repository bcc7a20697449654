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

/** What a room's pages are as of: its change counter and its page epoch, as PostgreSQL's text. */
export interface PageVersion {
  changeSeq: string
  epoch: string
}

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
 * session ended by then lets nothing be read. The gate also answers the
 * room's page epoch (`room_page_epochs`); given the `(change_seq, epoch)` of
 * the page this node answered before (`known`, see `RecentPages`), the page
 * and its extras are read only when either moved. Exported for the plan
 * test. Null when an id is not a UUID.
 */
export function pageStatement(
  seeker: RoomSeeker,
  roomId: string,
  limit: number,
  cursor: PageCursor,
  proof?: SessionProof,
  known?: PageVersion
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
  const moved = `NOT EXISTS (SELECT 1 FROM gate
    WHERE gate.change_seq = ?::bigint AND gate.epoch = ?::bigint)`
  const version = [known?.changeSeq ?? null, known?.epoch ?? null]
  const page =
    cursor.after !== undefined
      ? {
          sql: `SELECT ${COLUMNS} FROM messages
            WHERE messages.room_id = ? AND messages.version_seq > ? AND ${moved}
            ORDER BY messages.version_seq ASC LIMIT ?`,
          bindings: [roomId, cursor.after, ...version, limit + 1],
        }
      : {
          sql: `SELECT ${COLUMNS} FROM messages WHERE messages.room_id = ?
            AND NOT messages.thread_only
            ${cursor.before !== undefined ? 'AND messages.seq < ?' : ''}
            AND ${moved}
            ORDER BY messages.seq DESC LIMIT ?`,
          bindings: [
            roomId,
            ...(cursor.before !== undefined ? [cursor.before] : []),
            ...version,
            limit + 1,
          ],
        }
  return {
    sql: `WITH gate AS (SELECT g.id, g.change_seq, coalesce(e.epoch, 0) AS epoch
        FROM (${gate.sql}) g LEFT JOIN room_page_epochs e ON e.room_id = g.id),
      page AS MATERIALIZED (${page.sql}),
      ${PAGE_MENTIONS},
      ${PAGE_EXTRAS.ctes}
      SELECT ${PAGE_ROW} FROM gate LEFT JOIN (
        SELECT page.*, page_mentions.mentions, ${PAGE_EXTRAS.columns}
        FROM page LEFT JOIN page_mentions ON page_mentions.message_id = page.id
        ${PAGE_EXTRAS.joins}
      ) page_rows ON true`,
    bindings: [...gate.bindings, ...page.bindings, seeker.userId],
  }
}

/**
 * Every field a record is made of, in the order of the page statement's
 * `record` array (`PAGE_ROW`).
 */
const RECORD_FIELDS = `page_rows.room_id, page_rows.sender_id, page_rows.seq,
  page_rows.version_seq, page_rows.reply_to_id, page_rows.thread_only,
  page_rows.client_message_id, page_rows.body_ciphertext, page_rows.body_key_id,
  page_rows.encrypted_payload, page_rows.mentions, page_rows.reactions, page_rows.pin,
  page_rows.thread, page_rows.thread_root_id, page_rows.preview, page_rows.edited_at,
  page_rows.deleted_at, page_rows.created_at`

/**
 * What the page statement answers per row: the room's change counter, the
 * message id, and the rest of the row as one JSON array (`RECORD_FIELDS`).
 * Three fields per row, not twenty: `pg` decodes and hands over every field
 * of every row, which cost a third of the node's CPU per page, and a row seen
 * before is recognized by comparing one text, before anything is parsed.
 */
const PAGE_ROW = `gate.change_seq AS gate_change_seq, gate.epoch AS gate_epoch, page_rows.id,
  json_build_array(${RECORD_FIELDS}) AS record`

/** A row of the page statement as text (`raw`); `id` null: the gate passed, the page is empty. */
interface PageRow {
  gate_change_seq: string
  gate_epoch: string
  id: string | null
  record: string | null
}

/** The `record` array of a row, parsed. */
type RecordFields = [
  roomId: string,
  senderId: string | null,
  seq: number,
  versionSeq: number,
  replyToId: string | null,
  threadOnly: boolean,
  clientMessageId: string | null,
  bodyCiphertext: string | null,
  bodyKeyId: string | null,
  encryptedPayload: Record<string, unknown> | null,
  mentions: MessageRecord['mentions'] | null,
  reactions: unknown,
  pin: unknown,
  thread: unknown,
  threadRootId: string | null,
  preview: unknown,
  editedAt: string | null,
  deletedAt: string | null,
  createdAt: string,
]

const date = (value: string | null) => (value === null ? null : new Date(value))

/**
 * A row as a record, and the id of the key its body is sealed with (null
 * when there is none to open: deleted, end-to-end, or stored in clear); the
 * body is filled in by `pageRecords`.
 */
function toRecord(id: string, text: string) {
  const [
    roomId,
    senderId,
    seq,
    versionSeq,
    replyToId,
    threadOnly,
    clientMessageId,
    bodyCiphertext,
    bodyKeyId,
    encryptedPayload,
    mentions,
    reactions,
    pin,
    thread,
    threadRootId,
    preview,
    editedAt,
    deletedAt,
    createdAt,
  ] = JSON.parse(text) as RecordFields
  const record: MessageRecord = {
    id,
    roomId,
    senderId,
    seq,
    versionSeq,
    replyToId,
    threadOnly,
    clientMessageId,
    body: null,
    encryptedPayload,
    mentions: mentions ?? [],
    extras: { reactions, pin, thread, thread_root_id: threadRootId, preview },
    editedAt: date(editedAt),
    deletedAt: date(deletedAt),
    createdAt: new Date(createdAt),
  }
  const sealed = !deletedAt && bodyCiphertext && bodyKeyId
  return { record, keyId: sealed ? bodyKeyId : null, ciphertext: bodyCiphertext }
}

/** How many records `RecentRecords` keeps (a few MB: 100 rooms' latest pages). */
const RECENT_LIMIT = 5000

interface Recent {
  /** The row's `record` text, as read. */
  text: string
  /** The id and the very key Buffer that opened the body (nulls when none was opened). */
  keyId: string | null
  key: Buffer | null
  record: MessageRecord
}

/**
 * The records of page rows read lately, by message id. A row is answered
 * with the record made from it before only when its whole `record` text
 * reads the same again (so an edit, a delete, a reaction, a pin, a thread
 * reply or a preview, which change a field, and the reader's own `me` on
 * reactions, are never answered from an older row) and its body's key is
 * still the very key Buffer that opened it (`MessageCipher.keyById`; a
 * forgotten, rotated or destroyed key misses, as in the opened-bodies memo;
 * and when a key leaves the cache, the records it opened leave here too,
 * `MessageCipher.holdPlaintexts`). Records are shared between requests from
 * here on: no one changes a record after it is made. Oldest first out.
 */
class RecentRecords {
  #entries = new Map<string, Recent>()

  get(id: string, text: string) {
    const entry = this.#entries.get(id)
    return entry && entry.text === text ? entry : undefined
  }

  keep(id: string, entry: Recent) {
    this.#entries.delete(id)
    this.#entries.set(id, entry)
    if (this.#entries.size > RECENT_LIMIT) this.#entries.delete(this.#entries.keys().next().value!)
  }

  /** Drops the records whose bodies this key opened (every record when none is named). */
  forget(keyId?: string) {
    if (keyId === undefined) return this.#entries.clear()
    for (const [id, entry] of this.#entries) if (entry.keyId === keyId) this.#entries.delete(id)
  }

  /** How many records opened with this key are kept (all records when none is named). */
  count(keyId?: string) {
    if (keyId === undefined) return this.#entries.size
    let count = 0
    for (const entry of this.#entries.values()) if (entry.keyId === keyId) count++
    return count
  }
}

const recent = new RecentRecords()
MessageCipher.holdPlaintexts((keyId) => recent.forget(keyId))

/** Forgets the records of rows and the pages read lately (tests). */
export function forgetRecentReads() {
  recent.forget()
  pages.forget()
}

/** How many records of rows read lately are kept, of one key's bodies or all (tests). */
export function recentRecordsKept(keyId?: string) {
  return recent.count(keyId)
}

/**
 * The records of a page's rows: each taken from `RecentRecords` when its
 * text and key are unchanged, else parsed and its body opened (or taken from
 * the memo of bodies opened recently), each room key looked up once and
 * left in `keys`.
 */
async function pageRecords(rows: PageRow[], keys: Map<string, Buffer>) {
  const load = async (keyId: string) => {
    const key = await MessageCipher.keyById(keyId)
    keys.set(keyId, key)
    return key
  }
  const records: MessageRecord[] = []
  for (const row of rows) {
    const known = recent.get(row.id!, row.record!)
    if (known) {
      const key = known.keyId === null ? null : (keys.get(known.keyId) ?? (await load(known.keyId)))
      if (key === known.key) {
        records.push(known.record)
        continue
      }
    }
    const { record, keyId, ciphertext } = toRecord(row.id!, row.record!)
    const key = keyId === null ? null : (keys.get(keyId) ?? (await load(keyId)))
    if (key) record.body = MessageCipher.openRecentBody(keyId!, key, ciphertext!)
    recent.keep(row.id!, { text: row.record!, keyId, key, record })
    records.push(record)
  }
  return records
}

/** How many records the pages `RecentPages` keeps may hold in all. */
const PAGES_RECORD_LIMIT = 10_000

interface KnownPage {
  version: PageVersion
  /** The room keys its bodies were opened with, each the very cached Buffer. */
  keys: Map<string, Buffer>
  page: RoomPage
}

/**
 * The pages this node answered lately, by reader, room, size and cursor: a
 * page is answered again as it was when the statement, in its own snapshot,
 * finds the room's `(change_seq, epoch)` unchanged (every change to what a
 * page shows moves one of them: a message's new version moves the first, the
 * database's own changes the second, see the `room_page_epochs` migration),
 * and every room key its bodies were opened with is still the very cached
 * key (as `RecentRecords`; a key leaving the cache drops its pages too). The
 * gate and a recalled session's proof are checked by the statement on every
 * read, hit or not. Per reader, because reactions carry the reader's own
 * `me`. Bounded by the records held in all, oldest first out.
 */
class RecentPages {
  #entries = new Map<string, KnownPage>()
  #records = 0

  get(key: string) {
    return this.#entries.get(key)
  }

  keep(key: string, known: KnownPage) {
    this.delete(key)
    this.#entries.set(key, known)
    this.#records += known.page.records.length
    while (this.#records > PAGES_RECORD_LIMIT) this.delete(this.#entries.keys().next().value!)
  }

  delete(key: string) {
    const known = this.#entries.get(key)
    if (!known) return
    this.#entries.delete(key)
    this.#records -= known.page.records.length
  }

  /** Drops the pages with bodies this key opened (every page when none is named). */
  forget(keyId?: string) {
    for (const [key, known] of this.#entries) {
      if (keyId === undefined || known.keys.has(keyId)) this.delete(key)
    }
  }

  get size() {
    return this.#entries.size
  }
}

const pages = new RecentPages()
MessageCipher.holdPlaintexts((keyId) => pages.forget(keyId))

/** How many pages this node keeps to answer again (tests). */
export function recentPagesKept() {
  return pages.size
}

/** Whether every key a known page was opened with is still the very cached key. */
async function keysHeld(known: KnownPage) {
  for (const [keyId, key] of known.keys) {
    if ((await MessageCipher.keyById(keyId)) !== key) return false
  }
  return true
}

/**
 * Reads one page of a room for a member, in one statement (a named one:
 * planned once per connection, app/services/prepared_statements.ts): null when the
 * room is not the seeker's (absent, another organization's, or not a member:
 * the one 404) or a recalled session's `proof` fails, else the room's change
 * counter and up to `limit + 1` records in query order (newest first for the
 * latest page, oldest change first for `after`), bodies decrypted. A page
 * this node answered before is answered again when the statement finds the
 * room unchanged (`RecentPages`).
 */
export async function readRoomPage(
  seeker: RoomSeeker,
  roomId: string,
  limit: number,
  cursor: PageCursor,
  proof?: SessionProof
): Promise<RoomPage | null> {
  const key = `${seeker.userId}|${seeker.organizationId}|${roomId}|${limit}|${cursor.before ?? ''}|${cursor.after ?? ''}`
  const known = pages.get(key)
  const statement = pageStatement(seeker, roomId, limit, cursor, proof, known?.version)
  if (!statement) return null
  const rows = await preparedRows<PageRow>(statement.sql, statement.bindings, undefined, {
    raw: true,
  })
  if (!rows.length) return null
  const version = { changeSeq: rows[0].gate_change_seq, epoch: rows[0].gate_epoch }
  if (
    known &&
    known.version.changeSeq === version.changeSeq &&
    known.version.epoch === version.epoch
  ) {
    if (await keysHeld(known)) return known.page
    // A key expired or was replaced since: the statement skipped the page, read it afresh.
    pages.delete(key)
    return readRoomPage(seeker, roomId, limit, cursor, proof)
  }
  const keys = new Map<string, Buffer>()
  const records = rows[0].id === null ? [] : await pageRecords(rows, keys)
  const rank =
    cursor.after !== undefined
      ? (record: MessageRecord) => record.versionSeq
      : (record: MessageRecord) => -record.seq
  records.sort((a, b) => rank(a) - rank(b))
  const page = { changeSeq: Number(version.changeSeq), records }
  pages.keep(key, { version, keys, page })
  return page
}
