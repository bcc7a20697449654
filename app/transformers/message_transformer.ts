import { BaseTransformer } from '@adonisjs/core/transformers'
import type Message from '#models/message'

/** The opaque end-to-end payload of a message in an encrypted room, as stored. */
function encryptedOf(message: Message) {
  const payload = message.encryptedPayload
  if (!payload) return null
  return {
    ciphertext: String(payload.ciphertext),
    iv: String(payload.iv),
    keyVersion: Number(payload.keyVersion),
    algorithm: String(payload.algorithm),
  }
}

/**
 * A message as room members see it, on REST, sockets and SSE alike. A deleted
 * message keeps its id and seq with `content: null` so clients can show a
 * tombstone in place. `content` is the decrypted body (see MessageBodies); in
 * end-to-end encrypted rooms it is null and `encrypted` carries the
 * ciphertext that only members' devices can open.
 */
export default class MessageTransformer extends BaseTransformer<Message> {
  toObject() {
    const message = this.resource
    return {
      id: message.id,
      roomId: message.roomId,
      senderId: message.senderId,
      seq: message.seq,
      versionSeq: message.versionSeq,
      content: message.deletedAt ? null : message.body,
      encrypted: message.deletedAt ? null : encryptedOf(message),
      replyToId: message.replyToId,
      clientMessageId: message.clientMessageId,
      mentions: (message.mentions ?? []).map((m) => ({ userId: m.userId, kind: m.kind })),
      editedAt: message.editedAt?.toISO() ?? null,
      deletedAt: message.deletedAt?.toISO() ?? null,
      createdAt: message.createdAt.toISO(),
    }
  }
}

/** The plain shape of a serialized message, as carried by chat events. */
export type MessageObject = ReturnType<MessageTransformer['toObject']>
