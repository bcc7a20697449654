import type User from '#models/user'
import type { Actor } from '#types/actor'
import jobs from '#services/jobs'
import { authorize } from '#services/authorizer'
import { committedTransaction } from '#services/committed_transaction'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'
import {
  EXPORT_QUEUE,
  insertExport,
  type ExportKind,
  type ExportRow,
} from '#domain/exports/export_records'

/** How the archive gets built: by the job workers (default), or by the caller itself. */
export interface CreateExportOptions {
  /** Don't queue a job: the caller runs RunExport itself (chatctl in local mode). */
  inline?: boolean
}

/**
 * Requests an export: the row (queued) and its `export.requested` audit
 * entry commit together, then the build is queued for the job workers
 * (`exports.build`), which report progress on the row. Owners only for an
 * organization (`exportOrganization`); a user exports their own data.
 */
export default class CreateExport {
  /** An organization's archive: rooms, members, messages (decrypted) and files. */
  static async organization(actor: Actor, options: CreateExportOptions = {}) {
    await authorize(actor, 'exportOrganization')
    return this.#create(
      'organization',
      { organizationId: actor.organization.id, requestedById: auditActorId(actor) },
      options
    )
  }

  /** A user's own data (GDPR art. 20): profile, organizations, messages and files. */
  static user(user: User, requestedBy: User | null, options: CreateExportOptions = {}) {
    return this.#create(
      'user',
      { userId: user.id, requestedById: requestedBy?.id ?? null },
      options
    )
  }

  static async #create(
    kind: ExportKind,
    row: { organizationId?: string; userId?: string; requestedById: string | null },
    options: CreateExportOptions
  ): Promise<ExportRow> {
    const created = await committedTransaction(async (trx) => {
      const inserted = await insertExport(trx, { kind, ...row })
      await recordAudit(
        {
          action: 'export.requested',
          organizationId: row.organizationId ?? null,
          actorUserId: row.requestedById,
          targetType: 'export',
          targetId: inserted.id,
          details: { kind, ...(row.userId ? { userId: row.userId } : {}) },
        },
        trx
      )
      return inserted
    })
    if (!options.inline) await jobs.insert(EXPORT_QUEUE, [{ data: { exportId: created.id } }])
    return created
  }
}
