import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Message from '#models/message'
import type { EncryptedPayload } from '#services/e2e_rooms'

/** What a client sends (REST `POST /chat/messages`, socket `send_message`). */
export interface SendMessageInput {
  roomId: string
  content: string
  replyToId?: string
  clientMessageId?: string
  mentions?: string[]
}

/** What is stored as the body: plaintext (encrypted at rest here) or an opaque E2E payload. */
export type MessageBodyInput = { content: string } | { encrypted: EncryptedPayload }

/** The ids around a body that every send carries. */
export type InsertMessageInput = Omit<SendMessageInput, 'content' | 'roomId'> & MessageBodyInput

/**
 * THE column list of a new message, with each column's PostgreSQL type.
 * Every path that writes messages (a lone end-to-end send, a group commit
 * batch) inserts through `insertMessageRows`, so a column added to
 * `messages` is added here once. The remaining columns (`edited_at`,
 * `deleted_at`) start out null.
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

/**
 * The persisted model of a row just inserted, as a read of it would hydrate
 * it; `createdAt` is the very DateTime the row's `created_at` was taken from.
 */
export function messageFromRow(row: MessageRow, createdAt: DateTime) {
  const message = new Message()
  message.$consumeAdapterResult({ ...row, edited_at: null, deleted_at: null })
  message.createdAt = createdAt
  message.$isPersisted = true
  return message
}
