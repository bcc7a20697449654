import { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Message from '#models/message'
import type Room from '#models/room'
import type { Actor } from '#types/actor'
import { AppException, ConflictException } from '#exceptions/app_exception'
import { roomNotFound } from '#domain/rooms/room_access'
import { decryptBodies, encryptBody } from '#domain/messages/message_bodies'
import { type Mention, storeMentions } from '#domain/messages/mentions'
import { e2eDisabled, sendRefusal, type SenderStanding } from '#domain/messages/message_access'
import { enqueueSend } from '#domain/messages/group_commit'
import { EXTRA_KINDS } from '#domain/messages/message_extras'
import {
  type InsertMessageInput,
  insertMessageRows,
  type MessageBodyInput,
  messageFromRow,
} from '#domain/messages/message_rows'
import e2eRooms from '#services/e2e_rooms'
import { committedTransaction } from '#services/committed_transaction'

/*
 * The message store: the one way a new message reaches the database. Send
 * use cases (app/actions/messages/send_*.ts) call insertMessage and the retry
 * helpers here; plaintext sends go through the group commit
 * (group_commit.ts → message_batch.ts), end-to-end payloads through
 * insertOne, and both write rows with the one column list of message_rows.ts.
 */

export type { InsertMessageInput, SendMessageInput } from '#domain/messages/message_rows'
export { DuplicateSend } from '#domain/messages/message_batch'
/** The group commit's public surface for the node's lifecycle: drain before stop, batch sizes for metrics. */
export { drainSends, observeBatches } from '#domain/messages/group_commit'

/**
 * Seals a plaintext body under the room's at-rest key, or, for an end-to-end
 * encrypted body, lets the key directory refuse it (stale key version) and
 * stores it as given: the at-rest layer never touches E2E payloads.
 */
async function storedBody(trx: TransactionClientContract, room: Room, body: MessageBodyInput) {
  if ('content' in body) {
    const { keyId, ciphertext } = await encryptBody(room.id, body.content, trx)
    return { body_ciphertext: ciphertext, body_key_id: keyId, encrypted_payload: null }
  }
  if (!e2eRooms.provider) throw e2eDisabled('ciphertext')
  await e2eRooms.provider.assertSendable(trx, room, body.encrypted)
  const { ciphertext, iv, keyVersion, algorithm } = body.encrypted
  return {
    body_ciphertext: null,
    body_key_id: null,
    encrypted_payload: { ciphertext, iv, keyVersion, algorithm },
  }
}

/**
 * Inserts a message. A plaintext body joins the group commit
 * (app/domain/messages/group_commit.ts): it shares one transaction with the
 * sends waiting at the same time, each room's counter moving by exactly the
 * rows inserted into it. An end-to-end payload is inserted on its own, since
 * the key directory checks its key version under the room lock.
 */
export function insertMessage(
  actor: Actor,
  room: Room,
  input: InsertMessageInput,
  bodyHash: string,
  mentions: Mention[]
): Promise<Message> {
  if ('content' in input) return enqueueSend({ actor, room, input, bodyHash, mentions })
  return insertOne(actor, room, input, bodyHash, mentions)
}

/**
 * Inserts one message in its own transaction: bump the room's counters (the
 * row lock serializes senders of a room, and an aborted insert rolls the
 * bump back, so `seq` is gap-free), check the sender is still a member while
 * moving their read pointer, check the E2E key version, insert, store
 * mentions.
 */
function insertOne(
  actor: Actor,
  room: Room,
  input: InsertMessageInput,
  bodyHash: string,
  mentions: Mention[]
) {
  return committedTransaction(async (trx) => {
    await assertMayPost(trx, room.id, actor.user.id)
    const counters = await trx.rawQuery(
      `UPDATE rooms SET last_seq = last_seq + 1, change_seq = change_seq + 1,
         last_message_at = CASE WHEN ? THEN last_message_at ELSE now() END
       WHERE id = ? RETURNING last_seq, change_seq`,
      [input.threadOnly ?? false, room.id]
    )
    const { last_seq: seq, change_seq: versionSeq } = counters.rows[0]
    const moved = await trx.rawQuery(
      `UPDATE room_members SET last_read_seq = GREATEST(last_read_seq, ?), last_sent_at = now()
       WHERE room_id = ? AND user_id = ? RETURNING id`,
      [seq, room.id, actor.user.id]
    )
    if (!moved.rows.length) throw roomNotFound()
    const createdAt = DateTime.now()
    const row = {
      id: randomUUID(),
      organization_id: room.organizationId,
      room_id: room.id,
      sender_id: actor.user.id,
      seq: Number(seq),
      version_seq: Number(versionSeq),
      reply_to_id: input.replyToId ?? null,
      client_message_id: input.clientMessageId ?? null,
      body_hash: bodyHash,
      ...(await storedBody(trx, room, input)),
      thread_only: input.threadOnly ?? false,
      extra_kinds: mentions.length ? EXTRA_KINDS.mentions : 0,
      created_at: createdAt.toJSDate(),
    }
    await insertMessageRows(trx, [row])
    const message = messageFromRow(row, createdAt)
    await storeMentions(trx, room.organizationId, message.id, mentions)
    return message
  })
}

/**
 * The moderation rules of a single send (the group commit reads the same
 * standing in its admission statement): a mute, or slow mode.
 */
async function assertMayPost(trx: TransactionClientContract, roomId: string, userId: string) {
  const result = await trx.rawQuery(
    `SELECT m.role, CASE WHEN m.muted_until > now() THEN m.muted_until END AS muted_until,
       extract(epoch FROM now() - rm.last_sent_at)::float8 AS since_sent, r.slow_mode_seconds
     FROM room_members rm JOIN rooms r ON r.id = rm.room_id
     JOIN memberships m ON m.organization_id = rm.organization_id AND m.user_id = rm.user_id
     WHERE rm.room_id = ? AND rm.user_id = ?`,
    [roomId, userId]
  )
  const standing = result.rows[0] as SenderStanding | undefined
  const refusal = standing && sendRefusal(standing)
  if (refusal) throw refusal
}

/** The message the actor already sent with this `clientMessageId`, if any. */
export function findRetry(actor: Actor, room: Room, clientMessageId?: string) {
  if (!clientMessageId) return null
  return Message.query()
    .where('room_id', room.id)
    .where('sender_id', actor.user.id)
    .where('client_message_id', clientMessageId)
    .first()
}

/** Answers a retry with the stored message, or 409 when the body differs. */
export async function replay(message: Message, bodyHash: string) {
  if (message.bodyHash !== bodyHash) {
    throw new ConflictException(
      'This clientMessageId was already used for another message',
      'E_IDEMPOTENCY_CONFLICT'
    )
  }
  await message.load('mentions')
  await decryptBodies([message])
  return { message, created: false }
}

/**
 * A reply must point to a message of the same room (422 on `replyToId`
 * otherwise), and only a reply can stay in its thread (422 on `threadOnly`).
 */
export async function assertReplyTarget(room: Room, replyToId?: string, threadOnly?: boolean) {
  if (threadOnly && !replyToId) {
    throw new AppException('Only a reply (with replyToId) can stay in its thread', {
      status: 422,
      code: 'E_VALIDATION_ERROR',
      field: 'threadOnly',
    })
  }
  if (!replyToId) return
  const target = await Message.query().where('id', replyToId).where('room_id', room.id).first()
  if (!target) {
    throw new AppException('The message replied to is not in this room', {
      status: 422,
      code: 'E_VALIDATION_ERROR',
      field: 'replyToId',
    })
  }
}
