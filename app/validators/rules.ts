import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { isCommonPassword } from '#services/common_passwords'

/*
 * Rule factories shared by every validator, on every door (REST bodies and
 * query strings, socket payloads). Documented limits: emails ≤ 254,
 * usernames 3–32 of [a-z0-9_.-] starting with a letter or digit, display
 * names ≤ 100, passwords 8–128 and not among the common passwords of
 * #services/common_passwords. Every string refuses what PostgreSQL cannot
 * store as sent (NUL, unpaired UTF-16 surrogates); every number stays in the
 * range of the column it reaches (bigint counters up to 2^53 - 1, integers
 * up to 2^31 - 1), so bad input is a 422 naming the field, never a 500.
 */

/** Largest value of a bigint counter (seq, cursors) that a JSON number holds exactly. */
export const MAX_COUNTER = Number.MAX_SAFE_INTEGER

/** Largest value of an `integer` column. */
export const MAX_INT = 2_147_483_647

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Refuses NUL characters and unpaired surrogates, which a text column cannot hold. */
const storableText = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value === 'string' && (value.includes('\0') || UNPAIRED_SURROGATE.test(value))) {
    field.report(
      'The {{ field }} field must not contain NUL characters or unpaired surrogates',
      'storableText',
      field
    )
  }
})

/** Any string that reaches the database: base of every other string rule. */
export const textRule = () => vine.string().use(storableText())

/** A whole JSON number from `min` to `max`: strings and booleans are refused, never coerced. */
export const integerRule = (min: number, max: number) =>
  vine.number({ strict: true }).withoutDecimals().min(min).max(max)

/** A bigint counter (seq, change cursor) as a JSON number: 0 to 2^53 - 1. */
export const counterRule = () => integerRule(0, MAX_COUNTER)

const DIGITS = /^[0-9]{1,16}$/

/** A query-string integer: decimal digits only, within `min`–`max`. */
const queryIntegerText = vine.createRule(
  (value: unknown, options: { min: number; max: number }, field: FieldContext) => {
    const number = typeof value === 'string' && DIGITS.test(value) ? Number(value) : Number.NaN
    if (!(number >= options.min && number <= options.max)) {
      field.report(
        `The {{ field }} field must be a whole number from ${options.min} to ${options.max}`,
        'queryInteger',
        field
      )
    }
  }
)

/** An integer given in the query string (`?after=`, `?limit=`, `?page=`), from `min` to `max`. */
export const queryIntegerRule = (min: number, max: number) =>
  vine
    .string()
    .use(queryIntegerText({ min, max }))
    .transform((value) => Number(value))

/** A query-string bigint cursor (`?after=`, `?before=`): 0 to 2^53 - 1. */
export const queryCounterRule = () => queryIntegerRule(0, MAX_COUNTER)

/** A page number in the query string. */
export const pageRule = () => queryIntegerRule(1, 100_000)

/** A page size in the query string (at most `max`, 100 unless said). */
export const perPageRule = (max = 100) => queryIntegerRule(1, max)

/** An email address, trimmed and lower-cased. */
export const emailRule = () => textRule().trim().maxLength(254).email().toLowerCase()

/** A username: 3–32 characters, letters, digits, `_`, `.` and `-`, unique case-insensitively. */
export const usernameRule = () =>
  textRule()
    .trim()
    .minLength(3)
    .maxLength(32)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)

/** Refuses a password found in breaches again and again: the first guesses of any attacker. */
const notCommonPassword = vine.createRule(
  async (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string' || !field.isValid) return
    if (await isCommonPassword(value)) {
      field.report(
        'The {{ field }} field is a commonly used password; choose one that is harder to guess',
        'notCommonPassword',
        field
      )
    }
  }
)

/** A password: 8–128 characters, not a common one. */
export const passwordRule = () => textRule().minLength(8).maxLength(128).use(notCommonPassword())

/** A display name. */
export const displayNameRule = () => textRule().trim().minLength(1).maxLength(100)

/** A UUID id. */
export const idRule = () => textRule().uuid()
