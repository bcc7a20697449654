import type Message from '#models/message'
import type { Actor } from '#types/actor'
import { AppException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'
import e2eRooms from '#services/e2e_rooms'
import { findRoomForMember } from '#domain/rooms/room_access'
import { e2eDisabled, roomArchived } from '#domain/messages/message_access'
import { requestHash } from '#domain/messages/message_bodies'
import { resolveMentions, roomMemberIds } from '#domain/messages/mentions'
import { announceMessage, CLIENT_ID_INDEX } from '#actions/messages/send_message'
import { assertReplyTarget, findRetry, insertMessage, replay } from '#domain/messages/message_store'

/** What a client sends to an end-to-end encrypted room (`sendEncryptedMessageValidator`). */
export interface SendEncryptedMessageInput {
  roomId: string
  ciphertext: string
  iv: string
  keyVersion: number
  algorithm: string
  replyToId?: string
  clientMessageId?: string
  mentions?: string[]
  threadOnly?: boolean
}

/**
 * Sends an end-to-end encrypted message (DESIGN.md §5): the payload is
 * stored opaque, the at-rest layer is skipped, and the key directory checks
 * inside the insert transaction that `keyVersion` is the room's current,
 * non-stale version (409 E_ROOM_KEY_STALE otherwise). Mentions are the
 * explicit ids only, kept when they are room members. Idempotency and
 * `seq` work as for plaintext sends.
 */
export default class SendEncryptedMessage {
  static async handle(actor: Actor, input: SendEncryptedMessageInput) {
    const { room } = await findRoomForMember(actor, input.roomId)
    if (room.archivedAt) throw roomArchived()
    if (!room.encrypted) {
      throw new AppException('This room is not end-to-end encrypted: send plaintext content', {
        status: 422,
        code: 'E_PLAINTEXT_ROOM',
        field: 'ciphertext',
      })
    }
    if (!e2eRooms.active) throw e2eDisabled('ciphertext')
    const { ciphertext, iv, keyVersion, algorithm } = input
    const encrypted = { ciphertext, iv, keyVersion, algorithm }
    e2eRooms.provider!.assertPayload(encrypted)
    const bodyHash = requestHash({
      content: JSON.stringify(['e2e', ciphertext, iv, keyVersion, algorithm]),
      replyToId: input.replyToId,
      mentions: input.mentions,
      threadOnly: input.threadOnly,
    })
    const stored = await findRetry(actor, room, input.clientMessageId)
    if (stored) return replay(stored, bodyHash)
    await assertReplyTarget(room, input.replyToId, input.threadOnly)
    const memberIds = await roomMemberIds(room.id)
    const mentions = await resolveMentions({
      organization: actor.organization,
      senderId: actor.user.id,
      content: '',
      explicit: input.mentions,
      memberIds,
    })
    const insert = { ...input, encrypted }
    let message: Message
    try {
      message = await insertMessage(actor, room, insert, bodyHash, mentions)
    } catch (error) {
      if (!input.clientMessageId || !isUniqueViolation(error, CLIENT_ID_INDEX)) throw error
      return replay((await findRetry(actor, room, input.clientMessageId))!, bodyHash)
    }
    await announceMessage(room, message, mentions, memberIds)
    return { message, created: true }
  }
}
