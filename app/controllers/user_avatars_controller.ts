import type { HttpContext } from '@adonisjs/core/http'
import UpdateAvatar from '#actions/media/update_avatar'
import MediaQueries from '#queries/media'
import UserTransformer from '#transformers/user_transformer'
import { receiveFile } from '#services/multipart_upload'
import { mediaDisk } from '#services/media_storage'
import { MAX_AVATAR_BYTES } from '#validators/media'

/** Avatars: set mine (streamed upload), and read anyone's I share an organization with. */
export default class UserAvatarsController {
  /** PUT /users/me/avatar: multipart field `file`, an image ≤ 5 MB. */
  async update({ auth, request, serialize }: HttpContext) {
    const limits = { field: 'file', maxBytes: MAX_AVATAR_BYTES }
    const user = await receiveFile(request, limits, (file) =>
      UpdateAvatar.handle(auth.getUserOrFail(), file)
    )
    return serialize(UserTransformer.transform(user).useVariant('forSelf'))
  }

  /** GET /users/:id/avatar: the 512×512 WebP image. */
  async show({ auth, params, response }: HttpContext) {
    const key = await MediaQueries.avatarOf(auth.getUserOrFail(), params.id)
    response.header('Content-Type', 'image/webp')
    response.header('Cache-Control', 'private, max-age=300')
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', 'sandbox')
    return response.stream(await mediaDisk().getStream(key))
  }
}
