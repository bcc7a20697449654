import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { cachedSearchKey, indexTerms } from '#services/blind_index'

/** The message a blind index row belongs to. */
export interface IndexedMessage {
  id: string
  organizationId: string
  roomId: string
}

/*
 * The blind search index rows of single messages (an edit, the backfill).
 * New messages get theirs inside the send's own write
 * (message_rows.ts WRITE), so every path that changes a body also changes
 * its row in the same transaction: the index is never behind a committed body.
 */

/**
 * Writes (or replaces) a message's index row: the terms of `text` under the
 * search key of the room key `keyId` that seals its body. One statement,
 * inside the caller's transaction.
 */
export async function indexBody(
  trx: TransactionClientContract,
  message: IndexedMessage,
  keyId: string,
  roomKey: Buffer,
  text: string
) {
  const terms = indexTerms(cachedSearchKey(keyId, roomKey), text)
  await trx.rawQuery(
    `INSERT INTO message_search (message_id, organization_id, room_id, key_id, terms)
     VALUES (?, ?, ?, ?, ?::text[])
     ON CONFLICT (message_id) DO UPDATE SET key_id = EXCLUDED.key_id, terms = EXCLUDED.terms`,
    [message.id, message.organizationId, message.roomId, keyId, terms]
  )
}
