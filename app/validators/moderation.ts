import vine from '@vinejs/vine'
import { integerRule, pageRule, perPageRule, textRule } from '#validators/rules'

/*
 * Moderation limits: a mute lasts 1 minute to 1 year, reasons are at most
 * 500 characters, slow mode is 0 (off) to 3600 seconds.
 */

/** The longest mute, in minutes (a year). */
export const MAX_MUTE_MINUTES = 525_600

/** The longest slow-mode interval, in seconds. */
export const MAX_SLOW_MODE_SECONDS = 3600

const reasonRule = () => textRule().trim().minLength(1).maxLength(500)

/** POST /organizations/:orgId/members/:memberId/mute */
export const muteMemberValidator = vine.create({
  minutes: integerRule(1, MAX_MUTE_MINUTES),
  reason: reasonRule().optional(),
})

/** POST /organizations/:orgId/bans */
export const banMemberValidator = vine.create({
  userId: textRule().uuid(),
  reason: reasonRule().optional(),
})

/** POST /chat/messages/:messageId/report */
export const reportMessageValidator = vine.create({ reason: reasonRule() })

/** GET /organizations/:orgId/reports */
export const listReportsValidator = vine.create({
  status: vine.enum(['open', 'resolved'] as const).optional(),
  page: pageRule().optional(),
  perPage: perPageRule().optional(),
})

/** POST /organizations/:orgId/reports/:reportId/resolve */
export const resolveReportValidator = vine.create({
  resolution: vine.enum(['dismissed', 'actioned'] as const),
})

/** PUT /chat/rooms/:roomId/slow-mode */
export const slowModeValidator = vine.create({
  seconds: integerRule(0, MAX_SLOW_MODE_SECONDS),
})

const refRule = () => textRule().trim().minLength(1).maxLength(254)

/** chatctl member mute / unmute: `minutes` absent lifts the mute. */
export const adminMuteValidator = vine.create({
  org: refRule(),
  user: refRule(),
  minutes: vine.number().withoutDecimals().min(1).max(MAX_MUTE_MINUTES).optional(),
  reason: reasonRule().optional(),
})

/** chatctl member ban */
export const adminBanValidator = vine.create({
  org: refRule(),
  user: refRule(),
  reason: reasonRule().optional(),
})

/** chatctl member unban */
export const adminUnbanValidator = vine.create({ org: refRule(), user: refRule() })

/** chatctl report list */
export const adminReportsValidator = vine.create({
  org: refRule(),
  status: vine.enum(['open', 'resolved'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})

/** chatctl room slow-mode */
export const adminSlowModeValidator = vine.create({
  org: refRule(),
  room: textRule().uuid(),
  seconds: vine.number().withoutDecimals().min(0).max(MAX_SLOW_MODE_SECONDS),
})
