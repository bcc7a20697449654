import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type { Actor } from '#types/actor'
import { ROLES, type Role } from '#models/membership'
import type Membership from '#models/membership'
import { roleCan, type Permission } from '#policies/permissions'

/** Whether `role` is at or below `ceiling` (ROLES lists the highest first). */
function atOrBelow(role: Role, ceiling: Role) {
  return ROLES.indexOf(role) >= ROLES.indexOf(ceiling)
}

/**
 * Decides what an actor may do inside their organization. Tenancy is already
 * settled by the scoped lookup that built the actor; this only checks roles.
 */
export default class OrganizationPolicy extends BasePolicy {
  /** Generic check against the permission matrix. */
  can(actor: Actor, permission: Permission): AuthorizerResponse {
    return roleCan(actor.membership.role, permission)
  }

  /** Inviting (or revoking an invite) for a role no higher than the actor's own. */
  invite(actor: Actor, role: Role): AuthorizerResponse {
    return roleCan(actor.membership.role, 'inviteUsers') && atOrBelow(role, actor.membership.role)
  }

  /** Removing a member: admins may remove anyone but owners. */
  removeMember(actor: Actor, target: Membership): AuthorizerResponse {
    const own = actor.membership.role
    return roleCan(own, 'removeMembers') && (target.role !== 'owner' || own === 'owner')
  }

  /**
   * Muting a member: moderators and up, only members ranked strictly below
   * them (an owner may mute anyone but themself).
   */
  mute(actor: Actor, target: Membership): AuthorizerResponse {
    const own = actor.membership.role
    if (target.userId === actor.user.id || !roleCan(own, 'moderateMembers')) return false
    return own === 'owner' || ROLES.indexOf(target.role) > ROLES.indexOf(own)
  }

  /** Banning a member: owners and admins, as for a removal (never themselves). */
  ban(actor: Actor, target: Membership): AuthorizerResponse {
    const own = actor.membership.role
    if (target.userId === actor.user.id) return false
    return roleCan(own, 'banMembers') && (target.role !== 'owner' || own === 'owner')
  }

  /** Changing a role: needs "manage roles", and neither role may outrank the actor. */
  changeRole(actor: Actor, target: Membership, role: Role): AuthorizerResponse {
    const own = actor.membership.role
    return roleCan(own, 'manageRoles') && atOrBelow(target.role, own) && atOrBelow(role, own)
  }
}
