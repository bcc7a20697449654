import vine from '@vinejs/vine'
import { idRule } from '#validators/rules'

/*
 * Documented limits: message content 1–10,000 characters (not trimmed, but
 * it must contain a non-space character), room names 1–100, descriptions
 * ≤ 1000, member lists ≤ 500 ids per request, mentions ≤ 100 ids, message
 * pages 1–100 (default 50).
 */

/** Maximum length of a message body, in characters. */
export const MAX_CONTENT_LENGTH = 10_000

const contentRule = () => vine.string().minLength(1).maxLength(MAX_CONTENT_LENGTH).regex(/\S/)
const roomNameRule = () => vine.string().trim().minLength(1).maxLength(100)
const descriptionRule = () => vine.string().trim().maxLength(1000)
const userIdsRule = () => vine.array(idRule()).minLength(1).maxLength(500).distinct()
const seqRule = () => vine.number().withoutDecimals().min(0)

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
})

/** PATCH /chat/rooms/:roomId: rename, describe, archive or unarchive a group room. */
export const updateRoomValidator = vine.create({
  name: roomNameRule().optional(),
  description: descriptionRule().nullable().optional(),
  archived: vine.boolean({ strict: true }).optional(),
})

/** GET /chat/rooms: `after` is a cursor from a previous room list. */
export const listRoomsValidator = vine.create({
  after: seqRule().optional(),
})

/** POST /chat/rooms/:roomId/members */
export const addRoomMembersValidator = vine.create({
  userIds: userIdsRule(),
})

/** POST /chat/rooms/:roomId/read: the read pointer only moves forward. */
export const markReadValidator = vine.create({
  seq: seqRule(),
})

/**
 * GET /chat/rooms/:roomId/messages: the latest page, older than `before`
 * (a seq), or the changes after `after` (a change cursor), never both.
 */
export const listMessagesValidator = vine.create({
  before: seqRule().optional(),
  after: seqRule().optional(),
  limit: vine.number().withoutDecimals().min(1).max(100).optional(),
})

/** POST /chat/messages (and the socket `send_message`). */
export const sendMessageValidator = vine.create({
  roomId: idRule(),
  content: contentRule(),
  replyToId: idRule().optional(),
  clientMessageId: idRule().optional(),
  mentions: vine.array(idRule()).maxLength(100).distinct().optional(),
})

/** PUT /chat/messages/:messageId */
export const editMessageValidator = vine.create({
  content: contentRule(),
})
