import type { HttpContext } from '@adonisjs/core/http'
import AddMedia from '#actions/media/add_media'
import DeleteMedia from '#actions/media/delete_media'
import MediaQueries from '#queries/media'
import MediaTransformer from '#transformers/media_transformer'
import { receiveFile } from '#services/multipart_upload'
import { MAX_MEDIA_BYTES } from '#validators/media'

/**
 * Files attached to messages. Uploads stream (the route is processed
 * manually by the bodyparser); reads hand out short-lived signed URLs.
 */
export default class MediaController {
  /** POST /media/upload/:messageId: multipart field `file`, author only (checked before the body is read). */
  async store({ request, params, actor, response, serialize }: HttpContext) {
    const target = await AddMedia.authorize(actor, params.messageId)
    const limits = { field: 'file', maxBytes: MAX_MEDIA_BYTES }
    const asset = await receiveFile(request, limits, (file) => AddMedia.handle(actor, target, file))
    response.status(201)
    return serialize(MediaTransformer.transform(asset))
  }

  /** GET /media/:mediaId: details and a signed download URL. */
  async show({ params, actor, serialize }: HttpContext) {
    const asset = await MediaQueries.show(actor, params.mediaId)
    return serialize(MediaTransformer.transform(asset))
  }

  /** GET /media/message/:messageId: a message's files. */
  async forMessage({ params, actor, serialize }: HttpContext) {
    const assets = await MediaQueries.forMessage(actor, params.messageId)
    return serialize(MediaTransformer.transform(assets))
  }

  /** DELETE /media/:mediaId: uploader or moderator and up. */
  async destroy({ params, actor, response }: HttpContext) {
    await DeleteMedia.handle(actor, params.mediaId)
    return response.noContent()
  }
}
