import vine from '@vinejs/vine'
import { AppException } from '#exceptions/app_exception'
import {
  counterRule,
  idRule,
  integerRule,
  MAX_INT,
  pageRule,
  perPageRule,
  queryCounterRule,
  queryIntegerRule,
  textRule,
} from '#validators/rules'

/*
 * Documented limits: message content 1–10,000 characters (not trimmed, but
 * it must contain a non-space character), room names 1–100, descriptions
 * ≤ 1000, member lists ≤ 500 ids per request, mentions ≤ 100 ids, message
 * pages 1–100 (default 50). End-to-end encrypted messages: base64
 * `ciphertext` ≤ 16,384 characters (a 10,000-character body in UTF-8 plus
 * the tag), base64 `iv` 8–64, `algorithm` 1–32 of [A-Za-z0-9-], `keyVersion`
 * an integer from 1 to 2^31 - 1. The key directory plugin then accepts only
 * the algorithms it documents, with their exact IV and tag lengths.
 */

/** Maximum length of a message body, in characters. */
export const MAX_CONTENT_LENGTH = 10_000

/** A message body, stored exactly as sent: only an all-whitespace body is empty. */
const contentRule = () => textRule().minLength(1).maxLength(MAX_CONTENT_LENGTH).regex(/\S/)
const roomNameRule = () => textRule().trim().minLength(1).maxLength(100)
const descriptionRule = () => textRule().trim().maxLength(1000)
const userIdsRule = () => vine.array(idRule()).minLength(1).maxLength(500).distinct()

/** POST /chat/rooms/direct */
export const createDirectRoomValidator = vine.create({
  userId: idRule(),
})

/** POST /chat/rooms/group: the creator is added as the room admin. */
export const createGroupRoomValidator = vine.create({
  name: roomNameRule(),
  description: descriptionRule().optional(),
  memberIds: vine.array(idRule()).maxLength(500).distinct(),
  encrypted: vine.boolean({ strict: true }).optional(),
  visibility: vine.enum(['private', 'public'] as const).optional(),
})

/** PATCH /chat/rooms/:roomId: rename, describe, archive or unarchive a group room. */
export const updateRoomValidator = vine.create({
  name: roomNameRule().optional(),
  description: descriptionRule().nullable().optional(),
  archived: vine.boolean({ strict: true }).optional(),
  visibility: vine.enum(['private', 'public'] as const).optional(),
})

/** GET /chat/public-rooms: an optional name filter, pages of at most 100. */
export const listPublicRoomsValidator = vine.create({
  search: textRule().trim().maxLength(100).optional(),
  page: pageRule().optional(),
  perPage: perPageRule().optional(),
})

/** GET /chat/rooms: `after` is a cursor from a previous room list. */
export const listRoomsValidator = vine.create({
  after: queryCounterRule().optional(),
})

/** POST /chat/rooms/:roomId/members */
export const addRoomMembersValidator = vine.create({
  userIds: userIdsRule(),
})

/** POST /chat/rooms/:roomId/read: the read pointer only moves forward. */
export const markReadValidator = vine.create({
  seq: counterRule(),
})

/**
 * GET /chat/rooms/:roomId/messages: the latest page, older than `before`
 * (a seq), or the changes after `after` (a change cursor), never both.
 */
export const listMessagesValidator = vine.create({
  before: queryCounterRule().optional(),
  after: queryCounterRule().optional(),
  limit: queryIntegerRule(1, 100).optional(),
})

/** POST /chat/messages (and the socket `send_message`). */
export const sendMessageValidator = vine.create({
  roomId: idRule(),
  content: contentRule(),
  replyToId: idRule().optional(),
  clientMessageId: idRule().optional(),
  mentions: vine.array(idRule()).maxLength(100).distinct().optional(),
  threadOnly: vine.boolean({ strict: true }).optional(),
})

/** Maximum length of an encrypted message's base64 ciphertext. */
export const MAX_CIPHERTEXT_LENGTH = 16_384

const base64Rule = () => textRule().regex(/^[A-Za-z0-9+/]+={0,2}$/)

/**
 * POST /chat/messages (and the socket `send_message`) in an end-to-end
 * encrypted room: only ciphertext and the ids around it. Mentions cannot be
 * parsed from a body the server cannot read, so they are given explicitly.
 */
export const sendEncryptedMessageValidator = vine.create({
  roomId: idRule(),
  ciphertext: base64Rule().minLength(4).maxLength(MAX_CIPHERTEXT_LENGTH),
  iv: base64Rule().minLength(8).maxLength(64),
  keyVersion: integerRule(1, MAX_INT),
  algorithm: textRule()
    .minLength(1)
    .maxLength(32)
    .regex(/^[A-Za-z0-9-]+$/),
  replyToId: idRule().optional(),
  clientMessageId: idRule().optional(),
  mentions: vine.array(idRule()).maxLength(100).distinct().optional(),
  threadOnly: vine.boolean({ strict: true }).optional(),
})

/** A validated send: plaintext, or the ciphertext fields of an encrypted room. */
export type SendMessageData =
  | ({ kind: 'plain' } & Awaited<ReturnType<typeof sendMessageValidator.validate>>)
  | ({ kind: 'encrypted' } & Awaited<ReturnType<typeof sendEncryptedMessageValidator.validate>>)

/**
 * Validates a send on either door: a body with `ciphertext` is an encrypted
 * message, anything else a plaintext one. Plaintext `content` next to
 * ciphertext is refused (422 on `content`) rather than dropped, so a client
 * never believes it sent encrypted what it also sent in clear.
 */
export async function validateSendMessage(data: unknown): Promise<SendMessageData> {
  const body = (data ?? {}) as Record<string, unknown>
  if (typeof body !== 'object' || !('ciphertext' in body)) {
    return { kind: 'plain', ...(await sendMessageValidator.validate(data)) }
  }
  if ('content' in body) {
    throw new AppException('Encrypted messages must not carry plaintext content', {
      status: 422,
      code: 'E_VALIDATION_ERROR',
      field: 'content',
    })
  }
  return { kind: 'encrypted', ...(await sendEncryptedMessageValidator.validate(data)) }
}

/** PUT /chat/messages/:messageId */
export const editMessageValidator = vine.create({
  content: contentRule(),
})
