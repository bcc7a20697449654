import vine from '@vinejs/vine'
import { ROLES } from '#models/membership'
import { emailRule, integerRule, pageRule, perPageRule, textRule } from '#validators/rules'

/*
 * Documented limits: organization names 1–100 characters, slugs 2–64 of
 * [a-z0-9] in dash-separated words, descriptions ≤ 1000, maxMembers 1–100000
 * (null = unlimited), pages of at most 100.
 */

/** An organization's display name. */
const orgNameRule = () => textRule().trim().minLength(1).maxLength(100)

/** A URL-safe slug: lower-case words joined by single dashes. */
const slugRule = () =>
  textRule()
    .trim()
    .minLength(2)
    .maxLength(64)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)

/** One of the organization roles. */
const roleRule = () => vine.enum(ROLES)

/** POST /organizations */
export const createOrganizationValidator = vine.create({
  name: orgNameRule(),
  slug: slugRule().optional(),
})

/** PUT /organizations/:orgId: a name and/or settings; omitted settings keep their value. */
export const updateOrganizationValidator = vine.create({
  name: orgNameRule().optional(),
  settings: vine
    .object({
      maxMembers: integerRule(1, 100000).nullable().optional(),
      allowChannelMentions: vine.boolean({ strict: true }).optional(),
      description: textRule().trim().maxLength(1000).nullable().optional(),
      requireTwoFactor: vine.boolean({ strict: true }).optional(),
    })
    .optional(),
})

/** GET /organizations/:orgId/members */
export const listMembersValidator = vine.create({
  page: pageRule().optional(),
  perPage: perPageRule().optional(),
})

/** POST /organizations/:orgId/invite: the role defaults to member. */
export const createInviteValidator = vine.create({
  email: emailRule(),
  role: roleRule().optional(),
})

/** PUT /organizations/:orgId/members/:memberId/role */
export const updateMemberRoleValidator = vine.create({
  role: roleRule(),
})
