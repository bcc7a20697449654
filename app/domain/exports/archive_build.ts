import { PassThrough } from 'node:stream'
import db from '@adonisjs/lucid/services/db'
import { ZipWriter, type EntrySource } from '#services/zip_writer'
import { mediaDisk, mediaDiskName } from '#services/media_storage'
import {
  keyedLines,
  keyedRows,
  line,
  type Narrow,
  organizationMessages,
  userMessages,
  type OnBatch,
} from '#domain/exports/archive_lines'
import { archiveKey, type ExportRow } from '#domain/exports/export_records'
import {
  at,
  fileLine,
  memberLine,
  membershipLine,
  organizationMembers,
  profileOf,
  roomLine,
  roomMemberLine,
  userMemberships,
} from '#domain/exports/archive_shapes'

/** Version of the archive layout (docs/exports.md); bumped when a line's shape changes. */
export const ARCHIVE_FORMAT_VERSION = 1

/** What a build counted, for the manifest and the audit entry. */
export interface ArchiveCounts {
  messages: number
  files: number
  missingFiles: number
}

/** Progress of a build: items written (messages and files) of the total. */
export type OnProgress = (done: number, total: number) => Promise<void> | void

/**
 * A path inside the archive for a stored file: its id, then its original
 * name with separators, control characters and dot segments replaced, so
 * no entry can point outside the folder it is extracted to.
 */
export function filePath(assetId: string, originalName: string) {
  const name = [...originalName]
    .map((char) => (char.charCodeAt(0) < 0x20 || char === '\u007f' ? '_' : char))
    .join('')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120)
  return `files/${assetId}/${name || 'file'}`
}

/** How many items (messages, then files) a build writes, for its progress total. */
async function totalOf(row: ExportRow) {
  const count = async (query: ReturnType<typeof db.from>) => {
    const counted = await query.count('* as total').first()
    return Number(counted?.total ?? 0)
  }
  if (row.kind === 'organization') {
    const orgId = row.organization_id!
    const rooms = db.from('rooms').where('organization_id', orgId).select('id')
    return (
      (await count(db.from('messages').whereIn('room_id', rooms))) +
      (await count(db.from('media_assets').where('organization_id', orgId)))
    )
  }
  return (
    (await count(db.from('messages').where('sender_id', row.user_id!))) +
    (await count(db.from('media_assets').where('uploader_id', row.user_id!)))
  )
}

/**
 * Writes the files (stored bytes, streamed from the disk) and then their
 * index `files.jsonl`. A file whose bytes are gone from the disk is listed
 * with `path: null` rather than failing the export.
 */
async function writeFiles(zip: ZipWriter, narrow: Narrow, onBatch: OnBatch) {
  const disk = (name: string) => mediaDisk(name)
  const missing = new Set<string>()
  let files = 0
  for await (const rows of keyedRows('media_assets', narrow)) {
    for (const asset of rows) {
      if (!(await disk(asset.disk).exists(asset.key))) {
        missing.add(asset.id)
        continue
      }
      await zip.addEntry(
        filePath(asset.id, asset.original_name),
        await disk(asset.disk).getStream(asset.key)
      )
      files += 1
    }
    await onBatch(rows.length)
  }
  const index = keyedLines('media_assets', narrow, (asset) =>
    fileLine(asset, missing.has(asset.id) ? null : filePath(asset.id, asset.original_name))
  )
  await zip.addEntry('files.jsonl', index)
  return { files, missingFiles: missing.size }
}

/** messages.jsonl from a message walk, counting what it wrote. */
async function writeMessages(
  zip: ZipWriter,
  walk: (onBatch: OnBatch) => EntrySource,
  onBatch: OnBatch
) {
  let messages = 0
  await zip.addEntry(
    'messages.jsonl',
    walk((count) => {
      messages += count
      return onBatch(count)
    })
  )
  return messages
}

/** organization.json, rooms, members, room members, messages, files. */
async function writeOrganization(zip: ZipWriter, orgId: string, onBatch: OnBatch) {
  const org = await db.from('organizations').where('id', orgId).firstOrFail()
  const organization = { id: org.id, name: org.name, slug: org.slug, createdAt: at(org.created_at) }
  await zip.addEntry('organization.json', [JSON.stringify(organization)])
  const byOrg: Narrow = (query) => query.where('organization_id', orgId)
  await zip.addEntry('rooms.jsonl', keyedLines('rooms', byOrg, roomLine))
  await zip.addEntry(
    'members.jsonl',
    keyedLines('memberships', organizationMembers(orgId), memberLine)
  )
  await zip.addEntry('room_members.jsonl', keyedLines('room_members', byOrg, roomMemberLine))
  const messages = await writeMessages(zip, (count) => organizationMessages(orgId, count), onBatch)
  return { messages, ...(await writeFiles(zip, byOrg, onBatch)) }
}

/** profile.json, the user's organizations, their messages and the files they uploaded. */
async function writeUser(zip: ZipWriter, userId: string, onBatch: OnBatch) {
  const user = await db.from('users').where('id', userId).firstOrFail()
  await zip.addEntry('profile.json', [JSON.stringify(profileOf(user))])
  await zip.addEntry(
    'organizations.jsonl',
    keyedLines('memberships', userMemberships(userId), membershipLine)
  )
  const messages = await writeMessages(zip, (count) => userMessages(userId, count), onBatch)
  const byUploader: Narrow = (query) => query.where('uploader_id', userId)
  return { messages, ...(await writeFiles(zip, byUploader, onBatch)) }
}

/**
 * Builds an export's zip on the media disk, streamed: the archive goes to
 * the disk as it is written (backpressure from the disk down to the
 * database reads), one batch of rows at a time, so memory does not grow with
 * the organization. On any failure the partial file is deleted before the
 * error is rethrown. Answers where the archive is and what it holds.
 */
export async function buildArchive(row: ExportRow, onProgress: OnProgress) {
  const diskName = mediaDiskName()
  const disk = mediaDisk(diskName)
  const key = archiveKey(row.id)
  const total = await totalOf(row)
  let done = 0
  await onProgress(0, total)
  const onBatch: OnBatch = (count) => onProgress((done += count), Math.max(total, done))
  const carrier = new PassThrough()
  const storing = disk.putStream(key, carrier)
  storing.catch((error) => carrier.destroy(error))
  const zip = new ZipWriter(carrier)
  try {
    const counts: ArchiveCounts =
      row.kind === 'organization'
        ? await writeOrganization(zip, row.organization_id!, onBatch)
        : await writeUser(zip, row.user_id!, onBatch)
    const manifest = {
      format: 'parley-export',
      version: ARCHIVE_FORMAT_VERSION,
      exportId: row.id,
      kind: row.kind,
      organizationId: row.organization_id,
      userId: row.user_id,
      createdAt: new Date().toISOString(),
      counts,
    }
    await zip.addEntry('manifest.json', [line(manifest)])
    const size = await zip.finish()
    await storing
    return { disk: diskName, key, size, counts }
  } catch (error) {
    carrier.destroy()
    await storing.catch(() => {})
    await disk.delete(key).catch(() => {})
    throw error
  }
}
