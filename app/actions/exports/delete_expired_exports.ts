import db from '@adonisjs/lucid/services/db'
import { mediaDisk } from '#services/media_storage'
import { deleteOrphanArchives } from '#domain/exports/orphan_archives'
import {
  STALE_MINUTES,
  archiveKey,
  exportTtlHours,
  type ExportRow,
} from '#domain/exports/export_records'

/**
 * The exports cleanup (a job, hourly by default): archives past their
 * expiry are deleted from the disk and their exports become `expired`;
 * builds whose heartbeat stopped (the process died mid-export) or that never
 * started within the archive lifetime become `failed`, and any partial file
 * they left is deleted; archives whose export is gone (a deleted
 * organization or user) are deleted too. Answers how many of each.
 */
export default class DeleteExpiredExports {
  static async handle(now = new Date()) {
    const expired = await db
      .from('data_exports')
      .where('status', 'ready')
      .where('expires_at', '<=', now)
      .update({ status: 'expired' })
      .returning('*')
    const staleBefore = new Date(now.getTime() - STALE_MINUTES * 60_000)
    const neverBefore = new Date(now.getTime() - exportTtlHours() * 3600_000)
    const dead = await db
      .from('data_exports')
      .where((query) => {
        query
          .where((running) =>
            running.where('status', 'running').where('heartbeat_at', '<', staleBefore)
          )
          .orWhere((queued) =>
            queued.where('status', 'queued').where('created_at', '<', neverBefore)
          )
      })
      .update({ status: 'failed', error: 'The export was interrupted', completed_at: now })
      .returning('*')
    for (const row of [...expired, ...dead] as ExportRow[]) await this.#deleteFile(row)
    return { expired: expired.length, failed: dead.length, orphans: await deleteOrphanArchives() }
  }

  static async #deleteFile(row: ExportRow) {
    const disk = mediaDisk(row.disk ?? undefined)
    await disk.delete(row.file_key ?? archiveKey(row.id)).catch(() => {})
  }
}
