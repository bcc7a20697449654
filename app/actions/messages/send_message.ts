import emitter from '@adonisjs/core/services/emitter'
import type Message from '#models/message'
import type Room from '#models/room'
import type { Actor } from '#types/actor'
import { AppException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'
import { roomForSend } from '#domain/rooms/room_access'
import { roomArchived } from '#domain/messages/message_access'
import { requestHash } from '#domain/messages/message_bodies'
import { type Mention, resolveMentions } from '#domain/messages/mentions'
import {
  assertReplyTarget,
  DuplicateSend,
  findRetry,
  insertMessage,
  replay,
  type SendMessageInput,
} from '#domain/messages/message_store'

export type { SendMessageInput }

/** The unique index that settles a retry racing its first send. */
export const CLIENT_ID_INDEX = 'messages_room_sender_client_id_unique'

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
    message,
    mentionedUserIds: mentions.map((mention) => mention.userId),
    memberIds,
  })
}

/**
 * Sends a message (DESIGN.md §4). The insert takes the room's next `seq` from
 * its counter row inside a shared transaction, so seqs are gap-free (see
 * insertMessage). A retry with the
 * same `clientMessageId` returns the stored message (`created: false`); with
 * another body it is 409 E_IDEMPOTENCY_CONFLICT. Retries are recognized
 * inside the insert (the batch reads stored keys under the room lock, and
 * the unique index settles the rest), not by a lookup before it, which
 * would cost every send a query for the rare retry. The room and its
 * member ids come from the node's cache in the common case (roomForSend);
 * the group commit re-checks access under the room lock. `message:created`
 * goes out after commit.
 */
export default class SendMessage {
  static async handle(actor: Actor, input: SendMessageInput) {
    const { room, memberIds } = await roomForSend(actor, input.roomId)
    if (room.archivedAt) throw roomArchived()
    if (room.encrypted) {
      throw new AppException('This room accepts only end-to-end encrypted messages', {
        status: 422,
        code: 'E_ENCRYPTED_ROOM',
        field: 'content',
      })
    }
    const bodyHash = requestHash(input)
    await assertReplyTarget(room, input.replyToId, input.threadOnly)
    const mentions = await resolveMentions({
      organization: actor.organization,
      senderId: actor.user.id,
      content: input.content,
      explicit: input.mentions,
      memberIds,
    })
    let message: Message
    try {
      message = await insertMessage(actor, room, input, bodyHash, mentions)
    } catch (error) {
      const duplicate = error instanceof DuplicateSend || isUniqueViolation(error, CLIENT_ID_INDEX)
      if (!input.clientMessageId || !duplicate) throw error
      return replay((await findRetry(actor, room, input.clientMessageId))!, bodyHash)
    }
    await announceMessage(room, message, mentions, memberIds)
    return { message, created: true }
  }
}
