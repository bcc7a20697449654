import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import MessageReport from '#models/message_report'
import { ConflictException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'
import { findMessageForMember } from '#domain/messages/message_access'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * A member reports a message of a room they are in (any other message is
 * the same 404) to the organization's moderators. Once per member and
 * message (409 E_ALREADY_REPORTED); a deleted message cannot be reported
 * (409 E_MESSAGE_DELETED). The reason is kept for the queue; the audit entry
 * records the report without it.
 */
export default class CreateReport {
  static async handle(actor: Actor, messageId: string, reason: string) {
    try {
      return await committedTransaction(async (trx) => {
        const { message } = await findMessageForMember(actor, messageId, trx)
        if (message.deletedAt) {
          throw new ConflictException('This message was deleted', 'E_MESSAGE_DELETED')
        }
        const report = await MessageReport.create(
          {
            organizationId: actor.organization.id,
            roomId: message.roomId,
            messageId: message.id,
            reporterId: actor.user.id,
            reason,
            status: 'open',
            resolution: null,
            resolvedById: null,
            resolvedAt: null,
          },
          { client: trx }
        )
        await recordAudit(
          {
            action: 'moderation.message_reported',
            organizationId: actor.organization.id,
            actorUserId: actor.user.id,
            targetType: 'message',
            targetId: message.id,
            details: { reportId: report.id, roomId: message.roomId },
          },
          trx
        )
        return report
      })
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException('You already reported this message', 'E_ALREADY_REPORTED')
      }
      throw error
    }
  }
}
