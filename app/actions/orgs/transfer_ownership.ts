import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import Membership from '#models/membership'
import type { Actor } from '#types/actor'
import { bouncerFor } from '#services/authorizer'
import { findMember, lockOrganization } from '#actions/orgs/membership_rules'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

/**
 * Hands an organization to one of its members (chatctl `org transfer`):
 * in one transaction the member becomes its only owner and every previous
 * owner becomes an admin, so the organization is never without an owner.
 * Each role change is announced (`org:member_role_changed`) after commit.
 * Transferring to the sole owner changes nothing.
 */
export default class TransferOwnership {
  static async handle(actor: Actor, newOwnerId: string) {
    const orgId = actor.organization.id
    const changes = await committedTransaction(async (trx) => {
      await lockOrganization(orgId, trx)
      const target = await findMember(orgId, newOwnerId, trx)
      await bouncerFor(actor).with('OrganizationPolicy').authorize('changeRole', target, 'owner')
      const owners = await Membership.query({ client: trx })
        .withScopes((s) => s.forOrg(orgId))
        .where('role', 'owner')
        .whereNot('user_id', target.userId)
      const changed = owners.map((owner) => ({ membership: owner, previousRole: owner.role }))
      for (const owner of owners) {
        owner.role = 'admin'
        await owner.useTransaction(trx).save()
      }
      if (target.role !== 'owner') {
        changed.push({ membership: target, previousRole: target.role })
        target.role = 'owner'
        await target.useTransaction(trx).save()
      }
      await recordAudit(
        {
          action: 'org.ownership_transferred',
          organizationId: orgId,
          actorUserId: auditActorId(actor),
          targetType: 'user',
          targetId: target.userId,
          details: { demoted: owners.map((owner) => owner.userId) },
        },
        trx
      )
      return { target, changed }
    })
    for (const { membership, previousRole } of changes.changed) {
      emitter.emit('org:member_role_changed', {
        organizationId: orgId,
        userId: membership.userId,
        role: membership.role,
        previousRole,
        changedById: actor.user.id,
      })
    }
    return changes.target
  }
}
