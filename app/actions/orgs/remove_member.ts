import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import { authorize, bouncerFor } from '#services/authorizer'
import {
  assertNotLastOwner,
  clearActiveOrganization,
  findMember,
  lockOrganization,
} from '#actions/orgs/membership_rules'

/**
 * Removes a member (by user id) from the actor's organization. Owners and
 * admins may remove members; only owners may remove owners; the last owner is
 * never removed (409 E_LAST_OWNER). Emits `org:member_removed` after commit so
 * the real-time layer disconnects the user's sockets from the organization.
 */
export default class RemoveMember {
  static async handle(actor: Actor, memberUserId: string) {
    await authorize(actor, 'removeMembers')
    const orgId = actor.organization.id
    const removed = await db.transaction(async (trx) => {
      await lockOrganization(orgId, trx)
      const target = await findMember(orgId, memberUserId, trx)
      await bouncerFor(actor).with('OrganizationPolicy').authorize('removeMember', target)
      if (target.role === 'owner') await assertNotLastOwner(orgId, trx)
      await target.useTransaction(trx).delete()
      await clearActiveOrganization(target.userId, orgId, trx)
      return target
    })
    emitter.emit('org:member_removed', {
      organizationId: orgId,
      userId: removed.userId,
      removedById: actor.user.id,
      reason: 'removed',
    })
  }
}
