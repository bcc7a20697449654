import type Message from '#models/message'
import MessageTransformer, { type MessageObject } from '#transformers/message_transformer'

const shaped = new WeakMap<Message, Promise<MessageObject>>()

/**
 * A message as clients see it, shaped once per model: the sender's ack and
 * the fan-out's `new_message`, `mentioned` and SSE broadcasts of the same
 * committed message share one object, whichever asks first. Models are
 * shaped only after their last change (after commit), so the shared object
 * is never outdated; nobody mutates it. It has no single reader, so no
 * reaction is marked as the reader's own (`me: false`). `toObject` answers
 * plain values only (no nested transformers), so it is called directly: the
 * serializer's container call, value resolution and the error it builds
 * for every transform cost more than the shaping on the send path.
 */
export function messagePayload(message: Message): Promise<MessageObject> {
  let payload = shaped.get(message)
  if (!payload) {
    const object = new MessageTransformer(message).toObject()
    payload = Promise.resolve({
      ...object,
      reactions: object.reactions.map((reaction) => ({ ...reaction, me: false })),
    })
    shaped.set(message, payload)
  }
  return payload
}
