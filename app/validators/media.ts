import vine from '@vinejs/vine'
import { textRule } from '#validators/rules'

/*
 * Documented limits: one file per upload, in the multipart field `file`;
 * media ≤ 100 MB (104,857,600 bytes), avatars ≤ 5 MB; file names 1–255
 * characters (path parts are dropped). Types are decided by the file's
 * first bytes (magic numbers), never by its name or Content-Type.
 */

/** Largest media upload, in bytes (100 MB, DESIGN.md §7). */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024

/** Largest avatar upload, in bytes (5 MB); avatars are re-encoded to 512×512. */
export const MAX_AVATAR_BYTES = 5 * 1024 * 1024

/** Image types: the only avatar types, and the media types that get a thumbnail. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']

/**
 * Media types accepted in messages, each judged by the file's bytes
 * (app/services/upload_inspector.ts, file_kinds.ts): raster images and SVG,
 * PDF, MP4/WebM/MPEG/QuickTime/AVI video, MP3/Ogg/WAV audio, Word, Excel
 * and PowerPoint (Office Open XML by the zip's `[Content_Types].xml`, legacy
 * by the compound file's directory), ZIP/RAR/7z archives, and plain text
 * (UTF-8 with no NUL byte, since text has no magic number). Anything else
 * (executables, installers, macro-enabled Office files, HTML-looking
 * binaries…) is refused with 415. Only raster images, audio and video are
 * ever served inline; SVG, text, documents and archives are downloads
 * under `Content-Security-Policy: sandbox`, and SVG gets no thumbnail.
 */
export const MEDIA_TYPES = [
  ...IMAGE_TYPES,
  'image/svg+xml',
  'application/pdf',
  'video/mp4',
  'video/webm',
  'video/mpeg',
  'video/quicktime',
  'video/vnd.avi',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
  'application/x-rar-compressed',
  'application/x-7z-compressed',
  'text/plain',
]

/** The name a client gave its upload, kept for display and downloads. */
export const uploadNameValidator = vine.create({
  name: textRule().trim().minLength(1).maxLength(255),
})
