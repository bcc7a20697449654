import vine from '@vinejs/vine'
import { integerRule, textRule } from '#validators/rules'

/** The longest retention, in days (100 years). */
export const MAX_RETENTION_DAYS = 36_500

/** PUT /organizations/:orgId/retention and …/retention/rooms/:roomId: null keeps forever. */
export const updateRetentionValidator = vine.create({
  days: integerRule(1, MAX_RETENTION_DAYS).nullable(),
})

const refRule = () => textRule().trim().minLength(1).maxLength(254)

/** chatctl retention run: every organization, or one (id or slug). */
export const adminRetentionRunValidator = vine.create({
  org: refRule().optional(),
  dryRun: vine.boolean().optional(),
})

/** chatctl retention set */
export const adminRetentionSetValidator = vine.create({
  org: refRule(),
  room: textRule().uuid().optional(),
  days: vine.number().withoutDecimals().min(1).max(MAX_RETENTION_DAYS).nullable(),
})
