import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import Room from '#models/room'
import { authorize } from '#services/authorizer'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

/**
 * Sets how many days messages are kept (owners and admins): for the whole
 * organization, or for one of its rooms (overriding the organization's;
 * null falls back to it). Null for the organization keeps messages forever.
 * Audited as `retention.policy_changed`.
 */
export default class UpdateRetention {
  static async handle(actor: Actor, days: number | null, roomId?: string) {
    await authorize(actor, 'manageRetention')
    const orgId = actor.organization.id
    if (roomId !== undefined && !isUuid(roomId)) throw new NotFoundException('Room not found')
    await committedTransaction(async (trx) => {
      if (roomId !== undefined) {
        const room = await Room.query({ client: trx })
          .withScopes((s) => s.forOrg(orgId))
          .where('id', roomId)
          .first()
        if (!room) throw new NotFoundException('Room not found')
        await trx.from('rooms').where('id', room.id).update({ retention_days: days })
      } else {
        await trx.from('organizations').where('id', orgId).update({ retention_days: days })
      }
      await recordAudit(
        {
          action: 'retention.policy_changed',
          organizationId: orgId,
          actorUserId: auditActorId(actor),
          targetType: roomId ? 'room' : 'organization',
          targetId: roomId ?? orgId,
          details: { days },
        },
        trx
      )
    })
  }
}
