import vine from '@vinejs/vine'
import { pageRule, perPageRule } from '#validators/rules'

/*
 * Documented limits: notification pages 1–100 items (default 25).
 */

/** GET /notifications: newest first, optionally only the unread ones. */
export const listNotificationsValidator = vine.create({
  page: pageRule().optional(),
  perPage: perPageRule().optional(),
  unread: vine.boolean().optional(),
})

/** PUT /chat/rooms/:roomId/mute: mute or unmute a room for the caller. */
export const muteRoomValidator = vine.create({
  muted: vine.boolean({ strict: true }),
})
