import type User from '#models/user'
import type { Actor } from '#types/actor'
import Organization from '#models/organization'
import Membership from '#models/membership'
import Invite from '#models/invite'

export type { default as Membership } from '#models/membership'
import { authorize } from '#services/authorizer'

/**
 * The read side of the organizations module, shared by REST and chatctl.
 * (Actions are named for writes; these are plain queries, kept out of the
 * controllers so every door lists the same rows in the same order.)
 */
export default class OrgQueries {
  /** The user's organizations, by name, each with `$extras.role` set to their role. */
  static organizationsOf(user: User) {
    return Organization.query()
      .join('memberships', 'memberships.organization_id', 'organizations.id')
      .where('memberships.user_id', user.id)
      .select('organizations.*', 'memberships.role as role')
      .orderBy('organizations.name')
      .orderBy('organizations.id')
  }

  /** The user's active organization with their role, or null (none set, or no longer a member). */
  static async activeOf(user: User) {
    if (!user.activeOrganizationId) return null
    return this.organizationsOf(user).where('organizations.id', user.activeOrganizationId).first()
  }

  /** One page of members, oldest first, with their user loaded. */
  static members(actor: Actor, page = 1, perPage = 25) {
    return Membership.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .preload('user')
      .orderBy('created_at')
      .orderBy('id')
      .paginate(page, perPage)
  }

  /** Every member, oldest first, with their user loaded (chatctl `member list`). */
  static allMembers(actor: Actor) {
    return Membership.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .preload('user')
      .orderBy('created_at')
      .orderBy('id')
  }

  /** Invites not yet accepted or revoked (expired ones included, to re-send), newest first. */
  static async pendingInvites(actor: Actor) {
    await authorize(actor, 'inviteUsers')
    return Invite.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .whereNull('accepted_at')
      .whereNull('revoked_at')
      .preload('mailDelivery')
      .orderBy('created_at', 'desc')
      .orderBy('id')
  }
}
