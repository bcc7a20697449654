import emitter from '@adonisjs/core/services/emitter'
import { serializer } from '#providers/api_provider'
import MessageTransformer from '#transformers/message_transformer'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Message from '#models/message'
import type Room from '#models/room'
import type { Actor } from '#types/actor'
import { AppException, ConflictException } from '#exceptions/app_exception'
import { roomNotFound } from '#actions/rooms/room_access'
import { decryptBodies, encryptBody } from '#actions/messages/message_bodies'
import { type Mention, storeMentions } from '#actions/messages/mentions'
import { enqueueSend } from '#actions/messages/group_commit'
import e2eRooms, { type EncryptedPayload } from '#services/e2e_rooms'
import { committedTransaction } from '#services/committed_transaction'

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

/** 422 E_E2E_DISABLED: encrypted rooms need the key directory plugin. */
export function e2eDisabled(field = 'encrypted') {
  return new AppException('End-to-end encrypted rooms need the e2e-keys plugin', {
    status: 422,
    code: 'E_E2E_DISABLED',
    field,
  })
}

/**
 * Seals a plaintext body under the room's at-rest key, or, for an end-to-end
 * encrypted body, lets the key directory refuse it (stale key version) and
 * stores it as given: the at-rest layer never touches E2E payloads.
 */
async function storedBody(trx: TransactionClientContract, room: Room, body: MessageBodyInput) {
  if ('content' in body) {
    const { keyId, ciphertext } = await encryptBody(room.id, body.content, trx)
    return { bodyCiphertext: ciphertext, bodyKeyId: keyId, encryptedPayload: null }
  }
  if (!e2eRooms.provider) throw e2eDisabled('ciphertext')
  await e2eRooms.provider.assertSendable(trx, room, body.encrypted)
  const { ciphertext, iv, keyVersion, algorithm } = body.encrypted
  return {
    bodyCiphertext: null,
    bodyKeyId: null,
    encryptedPayload: { ciphertext, iv, keyVersion, algorithm },
  }
}

/**
 * Inserts a message. A plaintext body joins the group commit
 * (app/actions/messages/group_commit.ts): it shares one transaction with the
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
    const counters = await trx.rawQuery(
      `UPDATE rooms SET last_seq = last_seq + 1, change_seq = change_seq + 1,
         last_message_at = now() WHERE id = ? RETURNING last_seq, change_seq`,
      [room.id]
    )
    const { last_seq: seq, change_seq: versionSeq } = counters.rows[0]
    const moved = await trx.rawQuery(
      `UPDATE room_members SET last_read_seq = GREATEST(last_read_seq, ?)
       WHERE room_id = ? AND user_id = ? RETURNING id`,
      [seq, room.id, actor.user.id]
    )
    if (!moved.rows.length) throw roomNotFound()
    const body = await storedBody(trx, room, input)
    const message = await Message.create(
      {
        organizationId: room.organizationId,
        roomId: room.id,
        senderId: actor.user.id,
        seq: Number(seq),
        versionSeq: Number(versionSeq),
        replyToId: input.replyToId ?? null,
        clientMessageId: input.clientMessageId ?? null,
        bodyHash,
        ...body,
      },
      { client: trx }
    )
    await storeMentions(trx, room.organizationId, message.id, mentions)
    return message
  })
}

/**
 * Announces a committed message (`message:created`, after commit): the
 * fan-out and notifications listen to it.
 */
export async function announceMessage(
  room: Room,
  message: Message,
  mentions: Mention[],
  memberIds: string[]
) {
  if (!('mentions' in message.$preloaded)) await message.load('mentions')
  emitter.emit('message:created', {
    organizationId: room.organizationId,
    roomId: room.id,
    message: await serializer.serializeWithoutWrapping(MessageTransformer.transform(message)),
    mentionedUserIds: mentions.map((mention) => mention.userId),
    memberIds,
  })
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

/** A reply must point to a message of the same room (422 on `replyToId` otherwise). */
export async function assertReplyTarget(room: Room, replyToId?: string) {
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
