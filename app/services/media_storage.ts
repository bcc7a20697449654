import { PassThrough, type Readable } from 'node:stream'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import string from '@adonisjs/core/helpers/string'
import drive from '@adonisjs/drive/services/main'
import type { Disk } from '@adonisjs/drive'
import type { DriveDisks } from '@adonisjs/drive/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MediaAsset, { type SignedDownload } from '#models/media_asset'
import { inspectUpload, type InspectedFile } from '#services/upload_inspector'
import { signedUrlLifetime } from '#config/drive'
import { IMAGE_TYPES } from '#validators/media'

/**
 * A Drive disk name: `fs` in core, `s3` when the media-s3 plugin added it at
 * boot (so it is not among the statically known `DriveDisks`).
 */
export type MediaDiskName = 'fs' | 's3'

/**
 * The disk new media goes to: `fs` (core), unless a storage plugin set
 * `media.disk` in its `register()` hook. Stored rows keep their own disk
 * name, so switching disks does not orphan older files' rows.
 */
export function mediaDiskName(): MediaDiskName {
  return app.config.get<MediaDiskName>('media.disk', 'fs')
}

/** A media disk by name (default: the current media disk). */
export function mediaDisk(name: string = mediaDiskName()): Disk {
  return drive.use(name as keyof DriveDisks)
}

/**
 * Streams an upload to `key` on `disk` through an UploadInspector: never
 * buffered whole, refused (413/415/422) before or while writing, and on any
 * failure the partial file is deleted before the error is rethrown, so a
 * refused upload leaves nothing behind.
 *
 * The disk gets a carrier stream that the inspector pipes into and that is
 * ended (not errored) when the inspector fails: Drive's `putStream` settles
 * on a source error before its file is even created, so deleting then would
 * race the write; ending the carrier lets the write finish, then delete.
 */
export async function storeUpload(
  source: Readable,
  disk: Disk,
  key: string,
  limits: { maxBytes: number; allowed: string[] }
): Promise<InspectedFile> {
  const { inspector, release } = inspectUpload(source, limits)
  const carrier = new PassThrough()
  let failure: unknown
  inspector.once('error', (error) => {
    failure = error
    carrier.end()
  })
  inspector.pipe(carrier)
  try {
    await disk.putStream(key, carrier)
  } catch (error) {
    failure ??= error
  }
  if (failure) {
    release()
    await disk.delete(key).catch(() => {})
    throw failure
  }
  return inspector.result
}

/**
 * Signs a download URL (and one for the thumbnail) valid for
 * `signedUrlLifetime` (5 minutes, config/drive.ts). Whoever holds the URL
 * can download until it expires; it cannot be revoked, hence short-lived.
 * Only raster images, audio and video may render inline (`servedInline`);
 * anything else (PDF, text, archives…) is a download.
 */
export async function signDownload(asset: MediaAsset): Promise<SignedDownload> {
  const disk = mediaDisk(asset.disk)
  const expiresAt = DateTime.now().plus({ seconds: string.seconds.parse(signedUrlLifetime) })
  const inline = servedInline(asset.mime)
  const url = await disk.getSignedUrl(asset.key, {
    expiresIn: signedUrlLifetime,
    contentType: asset.mime,
    contentDisposition: contentDisposition(inline ? 'inline' : 'attachment', asset.originalName),
  })
  const thumbnailUrl = asset.thumbnailKey
    ? await disk.getSignedUrl(asset.thumbnailKey, {
        expiresIn: signedUrlLifetime,
        contentType: 'image/webp',
      })
    : null
  return { url, thumbnailUrl, expiresAt }
}

/**
 * Whether a type may be shown inline by a browser: raster images (the image
 * types Parley accepts), audio and video, which cannot run script. PDF, SVG,
 * HTML, text and archives are always downloads (`attachment`).
 */
export function servedInline(contentType: string) {
  const mime = contentType.split(';')[0].trim().toLowerCase()
  return IMAGE_TYPES.includes(mime) || /^(audio|video)\/[\w.+-]+$/.test(mime)
}

/** A Content-Disposition value with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string) {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * Deletes the files of some media rows (originals and thumbnails). A file
 * that cannot be deleted is logged, not thrown: the row is already gone and
 * the caller's operation succeeded.
 */
export async function deleteAssetFiles(assets: MediaAsset[]) {
  for (const asset of assets) {
    const disk = mediaDisk(asset.disk)
    for (const key of [asset.key, asset.thumbnailKey]) {
      if (!key) continue
      await disk.delete(key).catch((error) => {
        logger.error({ err: error, key, disk: asset.disk }, 'could not delete a media file')
      })
    }
  }
}

/**
 * Deletes every file attached to a message: the rows now (inside `trx` when
 * given) and the files once that transaction commits (never on rollback),
 * so a failed message delete keeps its files. The messages module's delete
 * action calls this. Returns how many files were attached.
 */
export async function deleteMediaForMessage(messageId: string, trx?: TransactionClientContract) {
  const assets = await MediaAsset.query({ client: trx }).where('message_id', messageId)
  if (!assets.length) return 0
  await MediaAsset.query({ client: trx }).where('message_id', messageId).delete()
  if (trx) trx.after('commit', () => deleteAssetFiles(assets))
  else await deleteAssetFiles(assets)
  return assets.length
}
