import sharp from 'sharp'
import logger from '@adonisjs/core/services/logger'
import type { Disk } from '@adonisjs/drive'

/** Images above this size get no thumbnail (sharp reads a stream whole). */
export const MAX_THUMBNAIL_SOURCE_BYTES = 25 * 1024 * 1024

/** Refuse to decode images above this many pixels (decompression bombs). */
const MAX_INPUT_PIXELS = 50_000_000

/** An image's size and where its thumbnail was stored. */
export interface ImageDetails {
  width: number
  height: number
  thumbnailKey: string
}

/**
 * Reads a stored image's size and stores a WebP thumbnail (at most 320×320,
 * EXIF orientation applied, metadata stripped) next to it. An image sharp
 * cannot decode keeps its upload (its magic bytes were right) without size
 * or thumbnail: thumbnails are a convenience, not a check.
 */
export async function describeImage(
  disk: Disk,
  key: string,
  size: number
): Promise<ImageDetails | null> {
  if (size > MAX_THUMBNAIL_SOURCE_BYTES) return null
  try {
    const image = sharp({ limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    const source = await disk.getStream(key)
    source.once('error', (error) => image.destroy(error))
    source.pipe(image)
    const metadata = await image.metadata()
    const thumbnail = await image
      .rotate()
      .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer()
    const thumbnailKey = `${key}.thumb.webp`
    await disk.put(thumbnailKey, thumbnail)
    return { width: metadata.width ?? 0, height: metadata.height ?? 0, thumbnailKey }
  } catch (error) {
    logger.warn({ err: error, key }, 'could not make a thumbnail')
    return null
  }
}

/**
 * Re-encodes an avatar as a 512×512 WebP (cropped to a square, EXIF
 * orientation applied, metadata such as GPS position stripped). Throws when
 * the bytes are not a decodable image.
 */
export async function renderAvatar(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize(512, 512, { fit: 'cover' })
    .webp({ quality: 85 })
    .toBuffer()
}
