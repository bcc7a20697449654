import MediaAsset from '#models/media_asset'
import type { Actor } from '#types/actor'
import { ForbiddenException } from '#exceptions/app_exception'
import { deleteAssetFiles } from '#services/media_storage'
import { bouncerFor } from '#services/authorizer'
import { findMediaForMember } from '#domain/media/media_access'

/**
 * Deletes a file (DELETE /media/:mediaId): its uploader, or a moderator and
 * up of the organization. Other room members get 403; anyone else 404. The
 * row goes first, then the files, so a failed file delete (logged) never
 * leaves a row pointing at nothing.
 */
export default class DeleteMedia {
  static async handle(actor: Actor, mediaId: string) {
    const asset = await findMediaForMember(actor, mediaId)
    if (await bouncerFor(actor).with('MediaPolicy').denies('delete', asset)) {
      throw new ForbiddenException('Only the uploader or a moderator can delete this file')
    }
    await MediaAsset.query().where('id', asset.id).delete()
    await deleteAssetFiles([asset])
  }
}
