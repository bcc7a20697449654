import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import { bouncerFor } from '#services/authorizer'
import { findMember } from '#actions/orgs/membership_rules'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

/**
 * Mutes a member of the actor's organization for `minutes` (moderators and
 * up, for members ranked below them), or lifts the mute (`minutes` null).
 * A muted member's sends are refused with 403 E_MEMBER_MUTED on every door:
 * the send's admission statement reads the mute inside the write, so no
 * cache can let one through and the hot path pays no extra query.
 */
export default class UpdateMemberMute {
  static async handle(actor: Actor, memberUserId: string, minutes: number | null, reason?: string) {
    return committedTransaction(async (trx) => {
      const target = await findMember(actor.organization.id, memberUserId, trx)
      await bouncerFor(actor).with('OrganizationPolicy').authorize('mute', target)
      target.mutedUntil = minutes === null ? null : DateTime.now().plus({ minutes })
      await target.useTransaction(trx).save()
      await recordAudit(
        {
          action: minutes === null ? 'moderation.member_unmuted' : 'moderation.member_muted',
          organizationId: actor.organization.id,
          actorUserId: auditActorId(actor),
          targetType: 'user',
          targetId: target.userId,
          details: minutes === null ? {} : { minutes, until: target.mutedUntil!.toISO(), reason },
        },
        trx
      )
      return target
    })
  }
}
