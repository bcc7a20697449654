import db from '@adonisjs/lucid/services/db'
import MessageCipher from '#services/message_cipher'
import { DecryptionError } from '#services/keyring'

/** Rows read per query: memory stays bounded by one batch whatever the organization's size. */
export const EXPORT_BATCH = 500

/** Called after each batch with the number of items it wrote. */
export type OnBatch = (count: number) => Promise<void> | void

/** A stored message row, as the export reads it. */
interface MessageRow {
  id: string
  room_id: string
  organization_id: string
  sender_id: string | null
  seq: string
  reply_to_id: string | null
  body_ciphertext: string | null
  body_key_id: string | null
  encrypted_payload: unknown
  edited_at: Date | null
  deleted_at: Date | null
  created_at: Date
}

const MESSAGE_COLUMNS = [
  'id',
  'room_id',
  'organization_id',
  'sender_id',
  'seq',
  'reply_to_id',
  'body_ciphertext',
  'body_key_id',
  'encrypted_payload',
  'edited_at',
  'deleted_at',
  'created_at',
]

/** One JSON Lines line. */
export function line(value: unknown) {
  return `${JSON.stringify(value)}\n`
}

/**
 * Opens a sealed body; a body whose room key was destroyed (crypto-shredded)
 * or that fails to open is exported as null with `unreadable`, not as an
 * error that would lose the whole archive.
 */
async function openBody(keyId: string | null, ciphertext: string | null) {
  if (!keyId || !ciphertext) return { content: null, unreadable: false }
  try {
    return { content: await MessageCipher.decrypt(keyId, ciphertext), unreadable: false }
  } catch (error) {
    if (error instanceof DecryptionError) return { content: null, unreadable: true }
    throw error
  }
}

/** The edit history of a batch of messages, decrypted, oldest first, by message id. */
async function editsOf(messageIds: string[]) {
  const rows = await db
    .from('message_edits')
    .whereIn('message_id', messageIds)
    .orderBy('edited_at')
    .select('message_id', 'body_ciphertext', 'body_key_id', 'edited_at')
  const edits = new Map<string, { content: string | null; editedAt: string }[]>()
  for (const row of rows) {
    const { content } = await openBody(row.body_key_id, row.body_ciphertext)
    const list = edits.get(row.message_id) ?? []
    list.push({ content, editedAt: (row.edited_at as Date).toISOString() })
    edits.set(row.message_id, list)
  }
  return edits
}

/**
 * The lines of a batch of messages: bodies decrypted (at-rest encryption);
 * end-to-end payloads as stored (the server cannot read them); a deleted
 * message keeps its place with no content; edits carry their history.
 */
async function messageLines(rows: MessageRow[]) {
  const deleted = (row: MessageRow) => row.deleted_at !== null
  const edits = await editsOf(rows.filter((row) => row.edited_at && !deleted(row)).map((r) => r.id))
  let text = ''
  for (const row of rows) {
    const body = deleted(row)
      ? { content: null, unreadable: false }
      : await openBody(row.body_key_id, row.body_ciphertext)
    text += line({
      id: row.id,
      organizationId: row.organization_id,
      roomId: row.room_id,
      seq: Number(row.seq),
      senderId: row.sender_id,
      replyToId: row.reply_to_id,
      content: body.content,
      ...(body.unreadable ? { unreadable: true } : {}),
      encrypted: deleted(row) ? null : (row.encrypted_payload ?? null),
      createdAt: row.created_at.toISOString(),
      editedAt: row.edited_at?.toISOString() ?? null,
      deletedAt: row.deleted_at?.toISOString() ?? null,
      edits: edits.get(row.id) ?? [],
    })
  }
  return text
}

/**
 * Every message of an organization, room by room in `seq` order, one batch
 * at a time: rooms by a keyset on id, messages by a keyset on (room, seq)
 * (the unique index), so no query skips over rows and nothing accumulates.
 */
export async function* organizationMessages(organizationId: string, onBatch: OnBatch) {
  let afterRoom = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const rooms = await db
      .from('rooms')
      .where('organization_id', organizationId)
      .where('id', '>', afterRoom)
      .where('last_seq', '>', 0)
      .orderBy('id')
      .limit(EXPORT_BATCH)
      .select('id')
    if (!rooms.length) return
    for (const room of rooms) yield* roomMessages(room.id, onBatch)
    afterRoom = rooms[rooms.length - 1].id
  }
}

async function* roomMessages(roomId: string, onBatch: OnBatch) {
  let afterSeq = 0
  for (;;) {
    const rows: MessageRow[] = await db
      .from('messages')
      .where('room_id', roomId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(EXPORT_BATCH)
      .select(MESSAGE_COLUMNS)
    if (!rows.length) return
    yield await messageLines(rows)
    await onBatch(rows.length)
    if (rows.length < EXPORT_BATCH) return
    afterSeq = Number(rows[rows.length - 1].seq)
  }
}

/** Every message a user sent, in every organization, by a keyset on (sender, id). */
export async function* userMessages(userId: string, onBatch: OnBatch) {
  let afterId = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const rows: MessageRow[] = await db
      .from('messages')
      .where('sender_id', userId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(EXPORT_BATCH)
      .select(MESSAGE_COLUMNS)
    if (!rows.length) return
    yield await messageLines(rows)
    await onBatch(rows.length)
    if (rows.length < EXPORT_BATCH) return
    afterId = rows[rows.length - 1].id
  }
}

/** A query on one table that a keyset walk narrows (filters, joins, selected columns). */
export type Narrow = (query: ReturnType<typeof db.from>) => void

/**
 * The rows of any table with a UUID `id`, a batch at a time, by a keyset on
 * `id`; `narrow` filters (and may join and select, keeping `id`).
 */
export async function* keyedRows(table: string, narrow: Narrow) {
  let afterId = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const query = db.from(table).where(`${table}.id`, '>', afterId)
    narrow(query)
    const rows = await query.orderBy(`${table}.id`).limit(EXPORT_BATCH)
    if (!rows.length) return
    yield rows
    if (rows.length < EXPORT_BATCH) return
    afterId = rows[rows.length - 1].id
  }
}

/** The JSON Lines of a keyset walk (`keyedRows`), `shape` turning each row into its line. */
export async function* keyedLines(table: string, narrow: Narrow, shape: (row: any) => unknown) {
  for await (const rows of keyedRows(table, narrow)) {
    yield rows.map((row) => line(shape(row))).join('')
  }
}
