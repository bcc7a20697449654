import type { HttpContext } from '@adonisjs/core/http'
import UserQueries from '#queries/users'
import UpdateProfile from '#actions/users/update_profile'
import UserTransformer from '#transformers/user_transformer'
import { listUsersValidator, updateProfileValidator } from '#validators/users'

/**
 * People: the caller's own profile, and the users they share an
 * organization with (everyone else answers 404).
 */
export default class UsersController {
  async index({ auth, request, serialize }: HttpContext) {
    const input = await request.validateUsing(listUsersValidator)
    const users = await UserQueries.search(auth.getUserOrFail(), input)
    return serialize(UserTransformer.paginate(users.all(), users.getMeta()))
  }

  async me({ auth, serialize }: HttpContext) {
    return serialize(UserTransformer.transform(auth.getUserOrFail()).useVariant('forSelf'))
  }

  async updateMe({ auth, request, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const input = await request.validateUsing(updateProfileValidator)
    const keepTokenId = user.currentAccessToken.identifier
    await UpdateProfile.handle(user, input, { keepTokenId })
    return serialize(UserTransformer.transform(user).useVariant('forSelf'))
  }

  async show({ auth, params, serialize }: HttpContext) {
    const user = await UserQueries.findVisible(auth.getUserOrFail(), params.id)
    return serialize(UserTransformer.transform(user))
  }

  async showByUsername({ auth, params, serialize }: HttpContext) {
    const user = await UserQueries.findVisibleByUsername(auth.getUserOrFail(), params.username)
    return serialize(UserTransformer.transform(user))
  }
}
