import { recordAudit } from '#domain/audit/audit_log'
import type { ExportRow } from '#domain/exports/export_records'

/**
 * Records a download of an export's archive (`export.downloaded`): the
 * signed link is a bearer capability, so the log keeps when and from which
 * IP each one was used.
 */
export default class MarkExportDownloaded {
  static handle(row: Pick<ExportRow, 'id' | 'kind' | 'organization_id' | 'user_id'>) {
    return recordAudit({
      action: 'export.downloaded',
      organizationId: row.organization_id,
      actorUserId: null,
      targetType: 'export',
      targetId: row.id,
      details: { kind: row.kind },
    })
  }
}
