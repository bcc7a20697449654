import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import { revokeSessions } from '#domain/auth/session_revocation'
import { authorize, bouncerFor } from '#services/authorizer'
import {
  assertNotLastOwner,
  clearActiveOrganization,
  findMember,
  lockOrganization,
} from '#actions/orgs/membership_rules'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

/**
 * Removes a member (by user id) from the actor's organization. Owners and
 * admins may remove members; only owners may remove owners; the last owner is
 * never removed (409 E_LAST_OWNER). The user's sessions in the organization
 * end through the one revocation (their sockets there close, their SSE
 * streams lose its channels, on every node); `org:member_removed` follows.
 */
export default class RemoveMember {
  static async handle(actor: Actor, memberUserId: string) {
    await authorize(actor, 'removeMembers')
    const orgId = actor.organization.id
    const removed = await committedTransaction(async (trx) => {
      await lockOrganization(orgId, trx)
      const target = await findMember(orgId, memberUserId, trx)
      await bouncerFor(actor).with('OrganizationPolicy').authorize('removeMember', target)
      if (target.role === 'owner') await assertNotLastOwner(orgId, trx)
      await target.useTransaction(trx).delete()
      await recordAudit(
        {
          action: 'org.member_removed',
          organizationId: orgId,
          actorUserId: auditActorId(actor),
          targetType: 'user',
          targetId: target.userId,
          details: { role: target.role },
        },
        trx
      )
      await clearActiveOrganization(target.userId, orgId, trx)
      await revokeSessions(
        { kind: 'organization', userId: target.userId, organizationId: orgId },
        { trx }
      )
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
