import { randomUUID } from 'node:crypto'
import { buffer } from 'node:stream/consumers'
import type User from '#models/user'
import { AppException } from '#exceptions/app_exception'
import type { IncomingFile } from '#services/multipart_upload'
import { inspectUpload } from '#services/upload_inspector'
import { renderAvatar } from '#services/media_images'
import { mediaDisk } from '#services/media_storage'
import { IMAGE_TYPES, MAX_AVATAR_BYTES } from '#validators/media'

/**
 * Replaces the user's avatar (PUT /users/me/avatar): an image by its magic
 * bytes, ≤ 5 MB, re-encoded to a 512×512 WebP (which also strips EXIF data
 * such as GPS position) and stored on the media disk. The old file is
 * deleted once the new one is saved. Nothing is written unless the whole
 * request arrived intact (`file.received`).
 */
export default class UpdateAvatar {
  static async handle(user: User, file: IncomingFile) {
    const { inspector, release } = inspectUpload(file.stream, {
      maxBytes: MAX_AVATAR_BYTES,
      allowed: IMAGE_TYPES,
    })
    let bytes: Buffer
    try {
      bytes = await buffer(inspector)
    } catch (error) {
      release()
      throw error
    }
    const avatar = await renderAvatar(bytes).catch(() => {
      throw new AppException('The image could not be decoded', {
        status: 415,
        code: 'E_UNSUPPORTED_MEDIA_TYPE',
        field: 'file',
      })
    })
    await file.received
    const disk = mediaDisk()
    const key = `avatars/${user.id}/${randomUUID()}.webp`
    await disk.put(key, avatar, { contentType: 'image/webp' })
    const previous = user.avatarKey
    user.avatarKey = key
    await user.save()
    if (previous) await disk.delete(previous).catch(() => {})
    return user
  }
}
