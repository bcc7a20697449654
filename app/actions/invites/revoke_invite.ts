import { DateTime } from 'luxon'
import type { Actor } from '#types/actor'
import Invite from '#models/invite'
import { authorize, bouncerFor } from '#services/authorizer'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'
import { committedTransaction } from '#services/committed_transaction'

/**
 * Revokes a pending invite of the actor's organization, so its link stops
 * working. Anyone who may invite may revoke, for roles up to their own (a
 * moderator cannot cancel an admin's invitation of an admin). Accepted or
 * already revoked invites are 404: there is nothing pending to revoke.
 */
export default class RevokeInvite {
  static async handle(actor: Actor, inviteId: string) {
    await authorize(actor, 'inviteUsers')
    if (!isUuid(inviteId)) throw new NotFoundException('Invite not found')
    const invite = await Invite.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('id', inviteId)
      .whereNull('accepted_at')
      .whereNull('revoked_at')
      .preload('mailDelivery')
      .first()
    if (!invite) throw new NotFoundException('Invite not found')
    await bouncerFor(actor).with('OrganizationPolicy').authorize('invite', invite.role)
    invite.revokedAt = DateTime.now()
    await committedTransaction(async (trx) => {
      await invite.useTransaction(trx).save()
      await recordAudit(
        {
          action: 'invite.revoked',
          organizationId: actor.organization.id,
          actorUserId: auditActorId(actor),
          targetType: 'invite',
          targetId: invite.id,
          details: { email: invite.email, role: invite.role },
        },
        trx
      )
    })
    return invite
  }
}
