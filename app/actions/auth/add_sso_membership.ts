import logger from '@adonisjs/core/services/logger'
import type User from '#models/user'
import Organization from '#models/organization'
import Membership from '#models/membership'
import AddMember from '#actions/admin/add_member'
import { automaticMembership, type OidcIdentity } from '#domain/auth/oidc'
import { isUuid } from '#services/org_context'

/**
 * After a single sign-on, adds the person to the organization the server
 * names in OIDC_JOIN_ORGANIZATION when their verified email domain or a
 * group claim qualifies (#domain/auth/oidc). Added by the organization's
 * first owner, as a member; already a member, a full organization or a
 * missing one is logged and the login goes on.
 */
export default class AddSsoMembership {
  static async handle(user: User, identity: OidcIdentity) {
    const ref = automaticMembership(identity)
    if (!ref) return
    const organization = await Organization.query()
      .where(isUuid(ref) ? 'id' : 'slug', ref)
      .first()
    if (!organization) return logger.warn({ ref }, 'OIDC_JOIN_ORGANIZATION names no organization')
    const already = await Membership.query()
      .withScopes((s) => s.forOrg(organization.id))
      .where('user_id', user.id)
      .first()
    if (already) return
    const owner = await Membership.query()
      .withScopes((s) => s.forOrg(organization.id))
      .where('role', 'owner')
      .orderBy('created_at')
      .preload('user')
      .firstOrFail()
    try {
      await AddMember.handle({ user: owner.user, organization, membership: owner }, user)
    } catch (error) {
      logger.warn({ err: error, userId: user.id }, 'SSO user could not join the organization')
    }
  }
}
