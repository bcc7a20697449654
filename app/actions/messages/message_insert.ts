import { DateTime } from 'luxon'
import Message from '#models/message'
import type Room from '#models/room'
import type { Actor } from '#types/actor'
import { AppException, ConflictException } from '#exceptions/app_exception'
import { decryptBodies } from '#actions/messages/message_bodies'
import type { Mention } from '#actions/messages/mentions'
import { type PendingSend, writeBatch } from '#actions/messages/message_batch'

/** What a client sends (REST `POST /chat/messages`, socket `send_message`). */
export interface SendMessageInput {
  roomId: string
  content: string
  replyToId?: string
  clientMessageId?: string
  mentions?: string[]
}

const MAX_BATCH = 256
const MAX_IN_FLIGHT = 3
const queue: PendingSend[] = []
let inFlight = 0
let scheduled = false

/**
 * Inserts a message, sharing one transaction with the sends that are
 * waiting at the same time (group commit): at most MAX_IN_FLIGHT batches
 * commit at once and whatever arrives meanwhile forms the next batch, so a
 * lone send still commits at once. Inside the batch (writeBatch) each room's
 * counter row is locked and moved by exactly the rows inserted into it, so
 * `seq` stays gap-free; a sender no longer in the room gets 404; a
 * clientMessageId already stored rejects with DuplicateSend. The promise
 * settles only after the commit. A batch that fails as a whole is retried
 * send by send, so one bad send cannot fail the others.
 */
export function insertMessage(
  actor: Actor,
  room: Room,
  input: SendMessageInput,
  bodyHash: string,
  mentions: Mention[]
): Promise<Message> {
  return new Promise((resolve, reject) => {
    queue.push({
      actor,
      room,
      input,
      bodyHash,
      mentions,
      createdAt: DateTime.now(),
      resolve,
      reject,
    })
    if (scheduled) return
    scheduled = true
    setImmediate(() => {
      scheduled = false
      pump()
    })
  })
}

function pump() {
  while (inFlight < MAX_IN_FLIGHT && queue.length) {
    inFlight += 1
    flush(queue.splice(0, MAX_BATCH)).finally(() => {
      inFlight -= 1
      pump()
    })
  }
}

async function flush(batch: PendingSend[]) {
  try {
    settle(await writeBatch(batch))
  } catch (error) {
    if (batch.length === 1) return batch[0].reject(error)
    for (const send of batch) {
      await writeBatch([send]).then(settle, (failure) => send.reject(failure))
    }
  }
}

function settle({ written, settled }: Awaited<ReturnType<typeof writeBatch>>) {
  settled.forEach((run) => run())
  for (const [send, message] of written) send.resolve(message)
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
