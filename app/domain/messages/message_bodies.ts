import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Message from '#models/message'
import MessageCipher from '#services/message_cipher'

/**
 * Message bodies live only as ciphertext under the room's key (DESIGN.md §5).
 * This is the one place that turns them back into text for a response.
 */
export async function decryptBodies(messages: Message[]) {
  await Promise.all(
    messages.map(async (message) => {
      message.body =
        message.deletedAt || !message.bodyCiphertext || !message.bodyKeyId
          ? null
          : await MessageCipher.decrypt(message.bodyKeyId, message.bodyCiphertext)
    })
  )
}

/** Creates a new room's data key, inside the room's creation transaction. */
export function createRoomKey(
  roomId: string,
  organizationId: string,
  trx: TransactionClientContract
) {
  return MessageCipher.createRoomKey(roomId, trx, organizationId)
}

/** Encrypts a body under the room's current key, inside the caller's transaction. */
export function encryptBody(roomId: string, content: string, trx: TransactionClientContract) {
  return MessageCipher.encrypt(roomId, content, trx)
}

/**
 * The fingerprint of a send request that idempotent retries are compared by:
 * sha256 over the content, the reply target, the sorted explicit mentions
 * and, when set, `threadOnly` (left out otherwise, so fingerprints stored
 * before it existed still match). The same `clientMessageId` with another
 * fingerprint is a conflict.
 */
export function requestHash(input: {
  content: string
  replyToId?: string
  mentions?: string[]
  threadOnly?: boolean
}) {
  const normalized = JSON.stringify([
    input.content,
    input.replyToId ?? null,
    [...(input.mentions ?? [])].sort(),
    ...(input.threadOnly ? ['thread-only'] : []),
  ])
  return createHash('sha256').update(normalized).digest('hex')
}
