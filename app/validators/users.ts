import vine from '@vinejs/vine'
import { displayNameRule, passwordRule, usernameRule } from '#validators/rules'

/*
 * Documented limits: search terms ≤ 100 characters, pages of at most 100.
 */

/** GET /users: an optional prefix of a username, display name or email. */
export const listUsersValidator = vine.create({
  search: vine.string().trim().maxLength(100).optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})

/**
 * PUT /users/me: any of display name (null clears it), username (same rules
 * as registration) and password, which needs the current password.
 */
export const updateProfileValidator = vine.create({
  displayName: displayNameRule().nullable().optional(),
  username: usernameRule().optional(),
  password: passwordRule().optional(),
  currentPassword: vine.string().maxLength(128).optional().requiredIfExists('password'),
})
