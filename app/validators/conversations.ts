import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import {
  counterRule,
  idRule,
  queryCounterRule,
  queryIntegerRule,
  textRule,
} from '#validators/rules'

/*
 * Documented limits: a reaction is one Unicode emoji (an RGI emoji, with or
 * without its presentation selector, ≤ 64 UTF-16 units) and a message holds
 * at most 20 distinct ones; a room holds at most 100 pins.
 */

/** How many messages one room may have pinned at once (one more is 409 E_TOO_MANY_PINS). */
export const MAX_PINS_PER_ROOM = 100

/** How many distinct emoji one message may carry (a 21st is 409 E_TOO_MANY_REACTIONS). */
export const MAX_DISTINCT_REACTIONS = 20

const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v')

/**
 * The stored form of an emoji: an RGI emoji as given, or a text-default
 * symbol (`❤`) with the emoji presentation selector it lacked (`❤️`), so both
 * count as one reaction; null when it is not exactly one emoji.
 */
export function canonicalEmoji(value: string): string | null {
  if (RGI_EMOJI.test(value)) return value
  const presented = `${value}\uFE0F`
  return RGI_EMOJI.test(presented) ? presented : null
}

const emoji = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const canonical = canonicalEmoji(value)
  if (!canonical) {
    field.report('The {{ field }} field must be a single Unicode emoji', 'emoji', field)
    return
  }
  field.mutate(canonical, field)
})

/** POST /chat/messages/:messageId/reactions, DELETE …/reactions/:emoji: one emoji. */
export const reactionValidator = vine.create({
  emoji: textRule().maxLength(64).use(emoji()),
})

/** GET /chat/messages/:messageId/thread: `before` is a reply seq from a previous page. */
export const listThreadValidator = vine.create({
  before: queryCounterRule().optional(),
  limit: queryIntegerRule(1, 100).optional(),
})

/** PUT /chat/messages/:messageId/thread/follow */
export const followThreadValidator = vine.create({
  following: vine.boolean({ strict: true }),
})

/** POST /chat/messages/:messageId/thread/read: the seq of the last reply read. */
export const markThreadReadValidator = vine.create({
  seq: counterRule(),
})

/** An ISO 8601 date-time with a time zone, as `meta.before` gives it. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/

/** GET /chat/search: `q` 1–200 characters (its first 8 words count), `before` an ISO date-time. */
export const searchValidator = vine.create({
  q: textRule().trim().minLength(1).maxLength(200),
  roomId: idRule().optional(),
  from: idRule().optional(),
  before: textRule()
    .regex(ISO_DATE_TIME)
    .transform((value) => new Date(value))
    .optional(),
  limit: queryIntegerRule(1, 50).optional(),
})
