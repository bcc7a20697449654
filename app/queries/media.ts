import MediaAsset from '#models/media_asset'
import type User from '#models/user'
import type { Actor } from '#types/actor'
import { NotFoundException } from '#exceptions/app_exception'
import { signDownload } from '#services/media_storage'
import UserQueries from '#queries/users'
import { findMediaForMember, findMessageInRoom } from '#domain/media/media_access'

/**
 * The read side of media: details with a fresh signed download URL, for
 * members of the file's room only.
 */
export default class MediaQueries {
  /** One file with a signed download URL (GET /media/:mediaId). */
  static async show(actor: Actor, mediaId: string) {
    const asset = await findMediaForMember(actor, mediaId)
    asset.download = await signDownload(asset)
    return asset
  }

  /** The files of a message, oldest first, each with a signed URL (GET /media/message/:messageId). */
  static async forMessage(actor: Actor, messageId: string) {
    const { message } = await findMessageInRoom(actor, messageId)
    const assets = await MediaAsset.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('message_id', message.id)
      .orderBy('created_at')
      .orderBy('id')
    for (const asset of assets) asset.download = await signDownload(asset)
    return assets
  }

  /**
   * A user's avatar key, for people who share an organization with them
   * (GET /users/:id/avatar); 404 when not visible or without an avatar.
   */
  static async avatarOf(viewer: User, userId: string) {
    const user = await UserQueries.findVisible(viewer, userId)
    if (!user.avatarKey) throw new NotFoundException('Avatar not found')
    return user.avatarKey
  }
}
