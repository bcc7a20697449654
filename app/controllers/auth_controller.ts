import type { HttpContext } from '@adonisjs/core/http'
import RegisterUser from '#actions/auth/register_user'
import LoginUser from '#actions/auth/login_user'
import LogoutUser from '#actions/auth/logout_user'
import UserTransformer from '#transformers/user_transformer'
import { loginValidator, registerValidator } from '#validators/auth'

/** Where a session comes from (shown in `GET /auth/sessions`). */
function sessionClient(request: HttpContext['request']) {
  return { ip: request.ip(), userAgent: request.header('user-agent') ?? null }
}

/** Accounts: register, log in, log out (revokes the token used). */
export default class AuthController {
  async register({ request, response, serialize }: HttpContext) {
    const input = await request.validateUsing(registerValidator)
    const { user, token } = await RegisterUser.withToken(input, sessionClient(request))
    response.status(201)
    return serialize({ user: UserTransformer.transform(user).useVariant('forSelf'), token })
  }

  async login({ request, serialize }: HttpContext) {
    const input = await request.validateUsing(loginValidator)
    const { user, token } = await LoginUser.handle(input, sessionClient(request))
    return serialize({ user: UserTransformer.transform(user).useVariant('forSelf'), token })
  }

  async logout({ auth, response }: HttpContext) {
    const user = auth.getUserOrFail()
    await LogoutUser.handle(user, String(user.currentAccessToken.identifier))
    return response.noContent()
  }
}
