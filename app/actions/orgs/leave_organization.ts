import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import { revokeSessions } from '#domain/auth/session_revocation'
import {
  assertNotLastOwner,
  clearActiveOrganization,
  findMember,
  lockOrganization,
} from '#actions/orgs/membership_rules'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * The actor leaves their organization (any role). The last owner cannot leave
 * (409 E_LAST_OWNER: promote someone first). If it was the user's active
 * organization, they are left with none. Their sessions in it end through the
 * one revocation, as for a removal. Emits `org:member_removed` with
 * reason `left` after commit.
 */
export default class LeaveOrganization {
  static async handle(actor: Actor) {
    const orgId = actor.organization.id
    const userId = actor.user.id
    await committedTransaction(async (trx) => {
      await lockOrganization(orgId, trx)
      const membership = await findMember(orgId, userId, trx)
      if (membership.role === 'owner') await assertNotLastOwner(orgId, trx)
      await membership.useTransaction(trx).delete()
      await recordAudit(
        {
          action: 'org.member_left',
          organizationId: orgId,
          actorUserId: userId,
          targetType: 'user',
          targetId: userId,
        },
        trx
      )
      await clearActiveOrganization(userId, orgId, trx)
      await revokeSessions({ kind: 'organization', userId, organizationId: orgId }, { trx })
    })
    if (actor.user.activeOrganizationId === orgId) actor.user.activeOrganizationId = null
    emitter.emit('org:member_removed', {
      organizationId: orgId,
      userId,
      removedById: userId,
      reason: 'left',
    })
  }
}
