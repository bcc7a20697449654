import vine from '@vinejs/vine'

/*
 * Documented limits: notification pages 1–100 items (default 25).
 */

/** GET /notifications: newest first, optionally only the unread ones. */
export const listNotificationsValidator = vine.create({
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
  unread: vine.boolean().optional(),
})

/** PUT /chat/rooms/:roomId/mute: mute or unmute a room for the caller. */
export const muteRoomValidator = vine.create({
  muted: vine.boolean({ strict: true }),
})
