import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import OrganizationBan from '#models/organization_ban'
import { authorize } from '#services/authorizer'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

/** Lifts a ban (owners and admins): the person may be invited again. Unknown: 404. */
export default class RemoveBan {
  static async handle(actor: Actor, userId: string) {
    await authorize(actor, 'banMembers')
    if (!isUuid(userId)) throw new NotFoundException('Ban not found')
    await committedTransaction(async (trx) => {
      const ban = await OrganizationBan.query({ client: trx })
        .withScopes((s) => s.forOrg(actor.organization.id))
        .where('user_id', userId)
        .forUpdate()
        .first()
      if (!ban) throw new NotFoundException('Ban not found')
      await trx.from('organization_bans').where('id', ban.id).delete()
      await recordAudit(
        {
          action: 'moderation.member_unbanned',
          organizationId: actor.organization.id,
          actorUserId: auditActorId(actor),
          targetType: 'user',
          targetId: userId,
        },
        trx
      )
    })
  }
}
