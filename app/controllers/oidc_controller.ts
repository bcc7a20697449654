import type { HttpContext } from '@adonisjs/core/http'
import LoginWithOidc from '#actions/auth/login_with_oidc'
import OidcQueries from '#queries/oidc'
import UserTransformer from '#transformers/user_transformer'
import { oidcCallbackValidator } from '#validators/accounts'

/** Single sign-on with the server's OpenID Connect provider. */
export default class OidcController {
  /** GET /auth/oidc/authorize: where to send the browser (404 when SSO is off). */
  async authorize({ serialize }: HttpContext) {
    return serialize({ url: await OidcQueries.authorizationUrl() })
  }

  /** POST /auth/oidc/callback: the provider's redirect parameters, for a session. */
  async callback({ request, serialize }: HttpContext) {
    const { code, state, iss } = await request.validateUsing(oidcCallbackValidator)
    const params = { code, state, ...(iss ? { iss } : {}) }
    const client = { ip: request.ip(), userAgent: request.header('user-agent') ?? null }
    const { user, token } = await LoginWithOidc.handle(params, client)
    return serialize({ user: UserTransformer.transform(user).useVariant('forSelf'), token })
  }
}
