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
 * Media types accepted in messages: images, PDF, MP4/WebM video, MP3/Ogg/WAV
 * audio, ZIP archives, and plain text (UTF-8 with no NUL byte, since text
 * has no magic number). Anything else (executables, HTML-looking binaries,
 * Office files, SVG…) is refused with 415. Text is always served as a
 * download (Content-Disposition: attachment), never rendered.
 */
export const MEDIA_TYPES = [
  ...IMAGE_TYPES,
  'application/pdf',
  'video/mp4',
  'video/webm',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'application/zip',
  'text/plain',
]

/** The name a client gave its upload, kept for display and downloads. */
export const uploadNameValidator = vine.create({
  name: textRule().trim().minLength(1).maxLength(255),
})
