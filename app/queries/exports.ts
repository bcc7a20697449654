import type User from '#models/user'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { isUuid } from '#services/org_context'
import { mediaDisk } from '#services/media_storage'
import { NotFoundException } from '#exceptions/app_exception'
import {
  DOWNLOAD_PURPOSE,
  exportView,
  findExport,
  listExports,
  type ExportRow,
} from '#domain/exports/export_records'

export { DOWNLOAD_PURPOSE }

const notFound = () => new NotFoundException('Export not found')

/** An export by id when `belongs` says it is the caller's; 404 otherwise (also for a malformed id). */
async function lookup(exportId: unknown, belongs: (row: ExportRow) => boolean) {
  if (!isUuid(exportId)) throw notFound()
  const row = await findExport(exportId)
  if (!row || !belongs(row)) throw notFound()
  return row
}

/** `page` and `perPage` of an export listing, both optional. */
export interface ExportPaging {
  page?: number
  perPage?: number
}

/** A listed page as clients see it: each export's view (with a fresh link when ready). */
function pageOf(listed: Awaited<ReturnType<typeof listExports>>) {
  return { exports: listed.rows.map(exportView), meta: listed.meta }
}

/** The read side of exports: status and progress, and the archive for a signed download. */
export default class ExportQueries {
  /** An export of the actor's organization (owners; another organization's is 404). */
  static async forOrganization(actor: Actor, exportId: unknown) {
    await authorize(actor, 'exportOrganization')
    const orgId = actor.organization.id
    const row = await lookup(
      exportId,
      (r) => r.kind === 'organization' && r.organization_id === orgId
    )
    return exportView(row)
  }

  /** The organization's exports, newest first, paged (owners: 403 for other roles). */
  static async listForOrganization(actor: Actor, paging: ExportPaging) {
    await authorize(actor, 'exportOrganization')
    const owner = { kind: 'organization', organizationId: actor.organization.id } as const
    return pageOf(await listExports(owner, paging.page ?? 1, paging.perPage ?? 25))
  }

  /** The user's own data exports, newest first, paged (nobody else's ever match). */
  static async listForUser(user: User, paging: ExportPaging) {
    const owner = { kind: 'user', userId: user.id } as const
    return pageOf(await listExports(owner, paging.page ?? 1, paging.perPage ?? 25))
  }

  /** One of the user's own data exports (anyone else's is 404). */
  static async forUser(user: User, exportId: unknown) {
    const row = await lookup(exportId, (r) => r.kind === 'user' && r.user_id === user.id)
    return exportView(row)
  }

  /** Any export (server admins: chatctl). */
  static async byId(exportId: unknown) {
    return exportView(await lookup(exportId, () => true))
  }

  /**
   * The archive of a ready export, as a stream with its size and a file
   * name; 404 when it is not ready (expired, failed, still building).
   */
  static async archive(exportId: unknown) {
    const row = await lookup(exportId, (r) => r.status === 'ready' && r.file_key !== null)
    const disk = mediaDisk(row.disk ?? undefined)
    if (!(await disk.exists(row.file_key!))) throw notFound()
    const stamp = row.created_at.toISOString().slice(0, 10)
    return {
      row,
      stream: await disk.getStream(row.file_key!),
      size: Number(row.size),
      fileName: `parley-${row.kind}-export-${stamp}-${row.id.slice(0, 8)}.zip`,
    }
  }
}
