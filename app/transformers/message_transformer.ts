import { BaseTransformer } from '@adonisjs/core/transformers'
import type Message from '#models/message'

/**
 * A message as room members see it, on REST, sockets and SSE alike. A deleted
 * message keeps its id and seq with `content: null` so clients can show a
 * tombstone in place. `content` is the decrypted body (see MessageBodies).
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
