import logger from '@adonisjs/core/services/logger'
import { recordAudit } from '#domain/audit/audit_log'
import { buildArchive } from '#domain/exports/archive_build'
import {
  claimExport,
  exportTtlHours,
  findExport,
  updateExport,
  type ExportRow,
} from '#domain/exports/export_records'
import { withAuditOrigin, currentAuditOrigin } from '#services/audit_origin'

/** Progress callback of a build run in the caller (chatctl local mode's bar). */
export type ExportProgress = (done: number, total: number) => void

/**
 * A failure reason safe to show: storage error codes (ENOSPC, EACCES…) are
 * named, anything else is generic; the full error goes to the log only.
 */
function reasonOf(error: unknown) {
  const code = (error as { code?: unknown })?.code
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `Storage error (${code})`
  return 'The archive could not be built'
}

/**
 * Builds a queued export (the `exports.build` job, or chatctl in local mode):
 * marks it running, streams the archive to the media disk while moving its
 * progress, then marks it ready with an expiry, or failed with a reason (the
 * partial file removed). Only a complete archive is ever `ready`. Audited as
 * `export.completed` with the outcome. An export that is no longer queued
 * (already built, or taken by another worker) is left alone.
 */
export default class RunExport {
  static async handle(exportId: string, onProgress?: ExportProgress) {
    const claimed = await claimExport(exportId)
    if (!claimed) return findExport(exportId)
    const origin = currentAuditOrigin()
    const door = origin.door === 'system' ? 'job' : origin.door
    await withAuditOrigin({ ...origin, door }, async () => {
      try {
        const built = await buildArchive(claimed, async (done, total) => {
          onProgress?.(done, total)
          await updateExport(exportId, { progress_done: done, progress_total: total })
        })
        const expires = new Date(Date.now() + exportTtlHours() * 3600_000)
        await updateExport(exportId, {
          status: 'ready',
          disk: built.disk,
          file_key: built.key,
          size: built.size,
          completed_at: new Date(),
          expires_at: expires,
        })
        await this.#audit(claimed, { status: 'ready', size: built.size, ...built.counts })
      } catch (error) {
        logger.error({ err: error, exportId }, 'export failed')
        const reason = reasonOf(error)
        await updateExport(exportId, { status: 'failed', error: reason, completed_at: new Date() })
        await this.#audit(claimed, { status: 'failed', reason })
      }
    })
    return findExport(exportId)
  }

  static #audit(row: ExportRow, details: Record<string, unknown>) {
    return recordAudit({
      action: 'export.completed',
      organizationId: row.organization_id,
      actorUserId: row.requested_by_id,
      targetType: 'export',
      targetId: row.id,
      details: { kind: row.kind, ...details },
    })
  }
}
