import { BaseTransformer } from '@adonisjs/core/transformers'
import type MediaAsset from '#models/media_asset'

/**
 * A file attached to a message, as room members see it: what the server
 * measured (type, size, sha256, image size) and, when signed, where to
 * download it until `urlExpiresAt`. Disk and storage keys stay private.
 */
export default class MediaTransformer extends BaseTransformer<MediaAsset> {
  toObject() {
    const asset = this.resource
    return {
      ...this.pick(asset, ['id', 'messageId', 'roomId', 'uploaderId', 'mime', 'size', 'sha256']),
      name: asset.originalName,
      width: asset.width,
      height: asset.height,
      hasThumbnail: asset.thumbnailKey !== null,
      url: asset.download?.url ?? null,
      thumbnailUrl: asset.download?.thumbnailUrl ?? null,
      urlExpiresAt: asset.download?.expiresAt.toISO() ?? null,
      createdAt: asset.createdAt.toISO(),
    }
  }

  /**
   * The file as `media_added` tells the room: never a signed URL, which
   * belongs to the member who asked for it (others ask GET /media/:id).
   */
  forRoom() {
    return { ...this.toObject(), url: null, thumbnailUrl: null, urlExpiresAt: null }
  }
}

/** The plain shape of a serialized file, as `media_added` carries it (without a signed URL). */
export type MediaObject = ReturnType<MediaTransformer['toObject']>
