import vine from '@vinejs/vine'
import {
  displayNameRule,
  pageRule,
  passwordRule,
  perPageRule,
  textRule,
  usernameRule,
} from '#validators/rules'

/*
 * Documented limits: search terms ≤ 100 characters, pages of at most 100.
 */

/** GET /users: an optional prefix of a username, display name or email. */
export const listUsersValidator = vine.create({
  search: textRule().trim().maxLength(100).optional(),
  page: pageRule().optional(),
  perPage: perPageRule().optional(),
})

/**
 * PUT /users/me: any of display name (null clears it), username (same rules
 * as registration) and password, which needs the current password.
 */
export const updateProfileValidator = vine.create({
  displayName: displayNameRule().nullable().optional(),
  username: usernameRule().optional(),
  password: passwordRule().optional(),
  currentPassword: textRule().maxLength(128).optional().requiredIfExists('password'),
})
