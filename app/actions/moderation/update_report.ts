import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import MessageReport, { type ReportResolution } from '#models/message_report'
import { authorize } from '#services/authorizer'
import { isUuid } from '#services/org_context'
import { ConflictException, NotFoundException } from '#exceptions/app_exception'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

/**
 * A moderator (and up) closes a report of the queue: `dismissed` (nothing
 * wrong) or `actioned` (they deleted the message, muted or banned its
 * author through those doors). A closed report is 409 E_REPORT_RESOLVED.
 */
export default class UpdateReport {
  static async handle(actor: Actor, reportId: string, resolution: ReportResolution) {
    await authorize(actor, 'moderateMembers')
    if (!isUuid(reportId)) throw new NotFoundException('Report not found')
    return committedTransaction(async (trx) => {
      const report = await MessageReport.query({ client: trx })
        .withScopes((s) => s.forOrg(actor.organization.id))
        .where('id', reportId)
        .forUpdate()
        .first()
      if (!report) throw new NotFoundException('Report not found')
      if (report.status !== 'open') {
        throw new ConflictException('This report is already resolved', 'E_REPORT_RESOLVED')
      }
      report.merge({
        status: 'resolved',
        resolution,
        resolvedById: actor.serverAdmin ? null : actor.user.id,
        resolvedAt: DateTime.now(),
      })
      await report.useTransaction(trx).save()
      await recordAudit(
        {
          action: 'moderation.report_resolved',
          organizationId: actor.organization.id,
          actorUserId: auditActorId(actor),
          targetType: 'report',
          targetId: report.id,
          details: { resolution, messageId: report.messageId },
        },
        trx
      )
      return report
    })
  }
}
