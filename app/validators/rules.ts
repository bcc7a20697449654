import vine from '@vinejs/vine'

/*
 * Rule factories shared by every validator. Documented limits:
 * emails ≤ 254, usernames 3–32 of [a-z0-9_.-] starting with a letter or digit,
 * display names ≤ 100, passwords 8–128.
 */

/** An email address, trimmed and lower-cased. */
export const emailRule = () => vine.string().trim().maxLength(254).email().toLowerCase()

/** A username: 3–32 characters, letters, digits, `_`, `.` and `-`, unique case-insensitively. */
export const usernameRule = () =>
  vine
    .string()
    .trim()
    .minLength(3)
    .maxLength(32)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)

/** A password: 8–128 characters. */
export const passwordRule = () => vine.string().minLength(8).maxLength(128)

/** A display name. */
export const displayNameRule = () => vine.string().trim().minLength(1).maxLength(100)

/** A UUID id. */
export const idRule = () => vine.string().uuid()
