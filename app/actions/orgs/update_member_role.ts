import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import type { Role } from '#models/membership'
import { bouncerFor } from '#services/authorizer'
import { assertNotLastOwner, findMember, lockOrganization } from '#actions/orgs/membership_rules'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

/**
 * Changes a member's role ("manage roles": owners only). Demoting the last
 * owner is 409 E_LAST_OWNER, also when owners demote themselves. Setting the
 * role a member already has changes nothing and emits nothing.
 */
export default class UpdateMemberRole {
  static async handle(actor: Actor, memberUserId: string, role: Role) {
    const orgId = actor.organization.id
    const result = await committedTransaction(async (trx) => {
      await lockOrganization(orgId, trx)
      const target = await findMember(orgId, memberUserId, trx)
      await bouncerFor(actor).with('OrganizationPolicy').authorize('changeRole', target, role)
      const previousRole = target.role
      if (previousRole === role) return { membership: target, previousRole }
      if (previousRole === 'owner') await assertNotLastOwner(orgId, trx)
      target.role = role
      await target.useTransaction(trx).save()
      await recordAudit(
        {
          action: 'org.member_role_changed',
          organizationId: orgId,
          actorUserId: auditActorId(actor),
          targetType: 'user',
          targetId: target.userId,
          details: { role, previousRole },
        },
        trx
      )
      return { membership: target, previousRole }
    })
    if (result.previousRole !== role) {
      emitter.emit('org:member_role_changed', {
        organizationId: orgId,
        userId: result.membership.userId,
        role,
        previousRole: result.previousRole,
        changedById: actor.user.id,
      })
    }
    return result.membership
  }
}
