import { sweepRetention } from '#domain/retention/retention_sweep'
import { withAuditOrigin, currentAuditOrigin } from '#services/audit_origin'

/**
 * Runs the retention sweep (the daily job, chatctl `retention run`), over
 * every organization or one: expired messages and files are deleted in
 * batches and each organization's totals are audited; with `dryRun` nothing
 * is deleted and the counts say what would go. Outside any door (the job)
 * the audit entries name the door `job`.
 */
export default class RunRetention {
  static handle(options: { organizationId?: string; dryRun?: boolean } = {}) {
    const origin = currentAuditOrigin()
    const door = origin.door === 'system' ? 'job' : origin.door
    return withAuditOrigin({ ...origin, door }, () =>
      sweepRetention({ organizationId: options.organizationId, dryRun: options.dryRun ?? false })
    )
  }
}
