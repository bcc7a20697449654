import vine from '@vinejs/vine'
import { ROLES } from '#models/membership'
import {
  displayNameRule,
  emailRule,
  idRule,
  MAX_INT,
  passwordRule,
  textRule,
  usernameRule,
} from '#validators/rules'

/*
 * Input of the admin API (chatctl, local and remote). Numbers may come as
 * strings (flags, query strings) and are converted, within bounds. Documented limits:
 * references (id, slug, email or username) ≤ 254 characters, lists of at
 * most 500 rows, re-encryption batches of 1–5000 rows with pauses ≤ 10 s,
 * admin tokens valid 1–3650 days (none: until revoked).
 */

/** An organization (id or slug) or a user (id, email or username). */
const refRule = () => textRule().trim().minLength(1).maxLength(254)

/** An organization name. */
const orgNameRule = () => textRule().trim().minLength(1).maxLength(100)

/** A slug: lower-case words joined by single dashes. */
const slugRule = () =>
  textRule()
    .trim()
    .minLength(2)
    .maxLength(64)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)

/** How many rows a list returns. */
const limitRule = () => vine.number().withoutDecimals().min(1).max(500).optional()

/** org create: the organization and its owner (found by email, or created). */
export const createOrganizationWithOwnerValidator = vine.create({
  name: orgNameRule(),
  slug: slugRule().optional(),
  ownerEmail: emailRule(),
  ownerUsername: usernameRule().optional(),
  /** A new owner gets a one-time password instead of a set-password link. */
  oneTimePassword: vine.boolean().optional(),
})

/** org list / user list */
export const adminListValidator = vine.create({
  search: textRule().trim().maxLength(100).optional(),
  limit: limitRule(),
})

/** Any operation on one organization. */
export const organizationRefValidator = vine.create({ org: refRule() })

/** org update */
export const adminUpdateOrganizationValidator = vine.create({
  org: refRule(),
  name: orgNameRule().optional(),
  description: textRule().trim().maxLength(1000).nullable().optional(),
  maxMembers: vine.number().withoutDecimals().min(1).max(100000).nullable().optional(),
})

/** user create: without a password, a one-time password is generated. */
export const adminCreateUserValidator = vine.create({
  email: emailRule(),
  username: usernameRule(),
  displayName: displayNameRule().optional(),
  password: passwordRule().optional(),
  admin: vine.boolean().optional(),
})

/** user update: any of email, username and display name (null clears it). */
export const adminUpdateUserValidator = vine.create({
  user: refRule(),
  email: emailRule().optional(),
  username: usernameRule().optional(),
  displayName: displayNameRule().nullable().optional(),
})

/** Any operation on one user. */
export const userRefValidator = vine.create({ user: refRule() })

/** user reset-password: without a password, a one-time password is generated. */
export const resetPasswordValidator = vine.create({
  user: refRule(),
  password: passwordRule().optional(),
})

/** member add */
export const adminAddMemberValidator = vine.create({
  org: refRule(),
  user: refRule(),
  role: vine.enum(ROLES).optional(),
})

/** member role */
export const adminMemberRoleValidator = vine.create({
  org: refRule(),
  user: refRule(),
  role: vine.enum(ROLES),
})

/** member remove */
export const adminMemberRefValidator = vine.create({ org: refRule(), user: refRule() })

/** invite create */
export const adminCreateInviteValidator = vine.create({
  org: refRule(),
  email: emailRule(),
  role: vine.enum(ROLES).optional(),
})

/** invite revoke */
export const adminInviteRefValidator = vine.create({ org: refRule(), invite: idRule() })

/** room create: a group room, its members, and who creates it (room admin). */
export const adminCreateRoomValidator = vine.create({
  org: refRule(),
  name: textRule().trim().minLength(1).maxLength(100),
  members: vine.array(refRule()).maxLength(500).optional(),
  creator: refRule().optional(),
})

/** room rename */
export const adminRenameRoomValidator = vine.create({
  org: refRule(),
  room: idRule(),
  name: textRule().trim().minLength(1).maxLength(100),
})

/** room members add */
export const adminAddRoomMembersValidator = vine.create({
  org: refRule(),
  room: idRule(),
  users: vine.array(refRule()).minLength(1).maxLength(500),
})

/** room members remove */
export const adminRoomMemberRefValidator = vine.create({
  org: refRule(),
  room: idRule(),
  user: refRule(),
})

/** room list */
export const adminListRoomsValidator = vine.create({
  org: refRule(),
  archived: vine.boolean().optional(),
  limit: limitRule(),
})

/** room show / archive */
export const adminRoomRefValidator = vine.create({ org: refRule(), room: idRule() })

/** key rotate */
export const rotateKeysValidator = vine.create({
  reencrypt: vine.boolean().optional(),
  batchSize: vine.number().withoutDecimals().min(1).max(5000).optional(),
  pauseMs: vine.number().withoutDecimals().min(0).max(10000).optional(),
})

/** search backfill */
export const backfillSearchValidator = vine.create({
  background: vine.boolean().optional(),
  batchSize: vine.number().withoutDecimals().min(1).max(5000).optional(),
  pauseMs: vine.number().withoutDecimals().min(0).max(10000).optional(),
})

/** Operations without input (key status, plugin list, health). */
export const emptyInputValidator = vine.create({})

/** token create: for an account holding the admin role. */
export const createAdminTokenValidator = vine.create({
  user: refRule(),
  name: textRule().trim().minLength(1).maxLength(100).optional(),
  expiresInDays: vine.number().withoutDecimals().min(1).max(3650).optional(),
})

/** token list: every admin token, or one account's. */
export const listAdminTokensValidator = vine.create({ user: refRule().optional() })

/** token revoke */
export const revokeAdminTokenValidator = vine.create({
  id: vine.number().withoutDecimals().min(1).max(MAX_INT),
})
