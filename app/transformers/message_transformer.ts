import { BaseTransformer } from '@adonisjs/core/transformers'
import type Message from '#models/message'
import type { MessageExtras } from '#types/message_record'

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

/** One emoji on a message: how many members used it, and whether the viewer did. */
export interface ReactionCount {
  emoji: string
  count: number
  me: boolean
}

/** Reactions as the page query aggregated them; none if not read. */
function reactionsOf(extras: MessageExtras): ReactionCount[] {
  const rows = (extras.reactions ?? []) as ReactionCount[]
  return rows.map((row) => ({ emoji: row.emoji, count: Number(row.count), me: row.me === true }))
}

/** The message's pin, if any, as the page query read it. */
function pinOf(extras: MessageExtras) {
  const pin = extras.pin as { pinnedAt: string; pinnedById: string | null } | null
  if (!pin) return null
  return { pinnedAt: new Date(pin.pinnedAt).toISOString(), pinnedById: pin.pinnedById }
}

/** The summary of the thread this message roots: replies not deleted, their last time, who replied. */
function threadOf(extras: MessageExtras) {
  const thread = extras.thread as {
    replyCount: number
    lastReplyAt: string
    participantIds: string[]
  } | null
  if (!thread) return null
  return {
    replyCount: Number(thread.replyCount),
    lastReplyAt: new Date(thread.lastReplyAt).toISOString(),
    participantIds: thread.participantIds,
  }
}

/** The link preview a plugin attached (link-previews), if any. */
function previewOf(extras: MessageExtras) {
  const preview = extras.preview as Record<string, string | null> | null | undefined
  if (!preview) return null
  return {
    url: String(preview.url),
    title: preview.title ?? null,
    description: preview.description ?? null,
    imageUrl: preview.imageUrl ?? null,
    siteName: preview.siteName ?? null,
  }
}

/**
 * The fields a message's extras add to its JSON, for MessageTransformer and
 * MessageRecordTransformer alike. A deleted message shows no reactions, no
 * pin and no preview.
 */
export function extrasFields(extras: MessageExtras, deleted: boolean) {
  return {
    reactions: deleted ? [] : reactionsOf(extras),
    pin: deleted ? null : pinOf(extras),
    thread: threadOf(extras),
    threadRootId: (extras.thread_root_id as string | undefined) ?? null,
    preview: deleted ? null : previewOf(extras),
  }
}

/**
 * A message as room members see it, on REST, sockets and SSE alike. A deleted
 * message keeps its id and seq with `content: null` so clients can show a
 * tombstone in place. `content` is the decrypted body (see MessageBodies); in
 * end-to-end encrypted rooms it is null and `encrypted` carries the
 * ciphertext that only members' devices can open. `reactions` and `pin` are
 * aggregated by the read that loaded the message (`me` is the reader's own
 * reaction; in broadcasts, which have no single reader, it is false).
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
      threadOnly: message.threadOnly ?? false,
      clientMessageId: message.clientMessageId,
      mentions: (message.mentions ?? []).map((m) => ({ userId: m.userId, kind: m.kind })),
      ...extrasFields(message.$extras, Boolean(message.deletedAt)),
      editedAt: message.editedAt?.toISO() ?? null,
      deletedAt: message.deletedAt?.toISO() ?? null,
      createdAt: message.createdAt.toISO(),
    }
  }
}

/** The plain shape of a serialized message, as carried by chat events. */
export type MessageObject = ReturnType<MessageTransformer['toObject']>
