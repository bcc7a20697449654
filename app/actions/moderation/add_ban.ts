import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import OrganizationBan from '#models/organization_ban'
import User from '#models/user'
import { bouncerFor } from '#services/authorizer'
import { revokeSessions } from '#domain/auth/session_revocation'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'
import {
  assertNotLastOwner,
  clearActiveOrganization,
  findMember,
  lockOrganization,
} from '#actions/orgs/membership_rules'

/**
 * Bans a member (owners and admins): they are removed as by RemoveMember
 * (sessions in the organization end on every node, `org:member_removed`)
 * and may not come back: invites to their account or their address are
 * refused with 409 E_USER_BANNED until the ban is lifted. Their pending
 * invites are revoked. Banning is audited with the reason.
 */
export default class AddBan {
  static async handle(actor: Actor, memberUserId: string, reason?: string) {
    const orgId = actor.organization.id
    const ban = await committedTransaction(async (trx) => {
      await lockOrganization(orgId, trx)
      const target = await findMember(orgId, memberUserId, trx)
      await bouncerFor(actor).with('OrganizationPolicy').authorize('ban', target)
      if (target.role === 'owner') await assertNotLastOwner(orgId, trx)
      const user = await User.query({ client: trx }).where('id', target.userId).firstOrFail()
      await target.useTransaction(trx).delete()
      await clearActiveOrganization(target.userId, orgId, trx)
      await trx
        .from('invites')
        .where('organization_id', orgId)
        .whereRaw('lower(email) = ?', [user.email.toLowerCase()])
        .whereNull('accepted_at')
        .whereNull('revoked_at')
        .update({ revoked_at: new Date(), updated_at: new Date() })
      const created = await OrganizationBan.create(
        {
          organizationId: orgId,
          userId: user.id,
          email: user.email.toLowerCase(),
          bannedById: actor.serverAdmin ? null : actor.user.id,
          reason: reason ?? null,
        },
        { client: trx }
      )
      await revokeSessions(
        { kind: 'organization', userId: user.id, organizationId: orgId },
        { trx }
      )
      await recordAudit(
        {
          action: 'moderation.member_banned',
          organizationId: orgId,
          actorUserId: auditActorId(actor),
          targetType: 'user',
          targetId: user.id,
          details: { role: target.role, reason: reason ?? null },
        },
        trx
      )
      created.$setRelated('user', user)
      return created
    })
    emitter.emit('org:member_removed', {
      organizationId: orgId,
      userId: ban.userId,
      removedById: actor.user.id,
      reason: 'removed',
    })
    return ban
  }
}
