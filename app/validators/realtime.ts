import vine from '@vinejs/vine'
import { counterRule, idRule } from '#validators/rules'

/*
 * Socket payload fields that REST carries in the URL (room, message and
 * organization ids) and the `sync` cursor map. Bodies go through the REST
 * validators of app/validators/chat.ts; these only cover the ids around them.
 * Documented limit: one `sync` asks about at most 200 rooms.
 */

/** Rooms one `sync` may ask about. */
export const MAX_SYNC_ROOMS = 200

/** join_room, leave_room, typing_start, typing_stop, and the room of send/mark_as_read. */
export const roomRefValidator = vine.create({
  roomId: idRule(),
})

/** edit_message and delete_message (the id REST takes from the path), mark_as_read by message. */
export const messageRefValidator = vine.create({
  messageId: idRule(),
})

/** switch_organization. */
export const switchOrganizationValidator = vine.create({
  organizationId: idRule(),
})

/**
 * sync: a change cursor per room id, and optionally the room-list cursor of
 * `GET /chat/rooms?after=`. Keys are not checked here: an unknown or
 * malformed room id gets its own E_NOT_FOUND entry in the answer.
 */
export const syncValidator = vine.create({
  rooms: vine.record(counterRule()).maxLength(MAX_SYNC_ROOMS),
  roomsAfter: counterRule().optional(),
})
