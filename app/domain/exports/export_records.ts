import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'

/** What an export archives: an organization (owners), or one user's own data. */
export type ExportKind = 'organization' | 'user'

/** Where an export stands. Only `ready` has a file to download. */
export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed' | 'expired'

/** A `data_exports` row as the database returns it. */
export interface ExportRow {
  id: string
  kind: ExportKind
  organization_id: string | null
  user_id: string | null
  requested_by_id: string | null
  status: ExportStatus
  progress_done: string | number
  progress_total: string | number
  disk: string | null
  file_key: string | null
  size: string | number | null
  error: string | null
  created_at: Date
  started_at: Date | null
  heartbeat_at: Date | null
  completed_at: Date | null
  expires_at: Date | null
}

/** An export as owners, users and chatctl see it. */
export interface ExportView {
  id: string
  kind: ExportKind
  organizationId: string | null
  userId: string | null
  status: ExportStatus
  progress: { done: number; total: number }
  size: number | null
  error: string | null
  createdAt: string
  completedAt: string | null
  expiresAt: string | null
  /** A fresh signed link (a path on this server) while the export is ready. */
  download: { url: string; expiresAt: string } | null
}

/** The queue of archive builds (one job per export). */
export const EXPORT_QUEUE = 'exports.build'

/** The queue of the cleanup: expired archives deleted, dead builds failed. */
export const EXPORT_CLEANUP_QUEUE = 'exports.cleanup'

/** A running build whose heartbeat is older than this is dead (its process crashed). */
export const STALE_MINUTES = 10

/** The signature purpose of download links: a link signed for anything else is refused. */
export const DOWNLOAD_PURPOSE = 'export-download'

/** Hours a ready archive is kept (EXPORT_TTL_HOURS, 24). */
export function exportTtlHours() {
  return env.get('EXPORT_TTL_HOURS', 24)
}

/** Minutes a download link is valid (EXPORT_LINK_MINUTES, 10): short, as it cannot be revoked. */
export function linkMinutes() {
  return env.get('EXPORT_LINK_MINUTES', 10)
}

/** The storage key of an export's archive on the media disk. */
export function archiveKey(exportId: string) {
  return `exports/${exportId}.zip`
}

/** Inserts a queued export, in the caller's transaction (with its audit entry). */
export async function insertExport(
  trx: TransactionClientContract,
  row: { kind: ExportKind; organizationId?: string; userId?: string; requestedById: string | null }
) {
  const [inserted] = await trx
    .table('data_exports')
    .insert({
      id: randomUUID(),
      kind: row.kind,
      organization_id: row.organizationId ?? null,
      user_id: row.userId ?? null,
      requested_by_id: row.requestedById,
      status: 'queued',
      created_at: new Date(),
    })
    .returning('*')
  return inserted as ExportRow
}

/** One export by id, or null. */
export async function findExport(id: string) {
  const row = await db.from('data_exports').where('id', id).first()
  return (row as ExportRow | undefined) ?? null
}

/** Whose exports a listing holds: one organization's, or one user's own data exports. */
export type ExportOwner =
  { kind: 'organization'; organizationId: string } | { kind: 'user'; userId: string }

/**
 * A page of exports of one owner, newest first (ties by id, so pages never
 * overlap), with the page metadata of DESIGN §10.
 */
export async function listExports(owner: ExportOwner, page: number, perPage: number) {
  const query = db.from('data_exports').where('kind', owner.kind)
  if (owner.kind === 'organization') query.where('organization_id', owner.organizationId)
  else query.where('user_id', owner.userId)
  const paginator = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .paginate(page, perPage)
  return {
    rows: paginator.all() as ExportRow[],
    meta: {
      total: Number(paginator.total),
      perPage: paginator.perPage,
      currentPage: paginator.currentPage,
      lastPage: paginator.lastPage,
    },
  }
}

/** Moves a queued export to running, atomically: one builder per export; null if not queued. */
export async function claimExport(id: string) {
  const [row] = await db
    .from('data_exports')
    .where('id', id)
    .where('status', 'queued')
    .update({ status: 'running', started_at: new Date(), heartbeat_at: new Date() })
    .returning('*')
  return (row as ExportRow | undefined) ?? null
}

/** Updates an export's row (progress, status, file) and moves its heartbeat. */
export async function updateExport(id: string, changes: Record<string, unknown>) {
  await db
    .from('data_exports')
    .where('id', id)
    .update({ ...changes, heartbeat_at: new Date() })
}

/** Shapes a row for clients, with a freshly signed download link when ready. */
export function exportView(row: ExportRow): ExportView {
  const ready = row.status === 'ready'
  const minutes = linkMinutes()
  return {
    id: row.id,
    kind: row.kind,
    organizationId: row.organization_id,
    userId: row.user_id,
    status: row.status,
    progress: { done: Number(row.progress_done), total: Number(row.progress_total) },
    size: row.size === null ? null : Number(row.size),
    error: row.error,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    download: ready
      ? {
          url: router.makeSignedUrl(
            'exports.download',
            { exportId: row.id },
            { expiresIn: `${minutes} minutes`, purpose: DOWNLOAD_PURPOSE }
          ),
          expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
        }
      : null,
  }
}
