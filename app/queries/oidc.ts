import { authorizationUrl } from '#domain/auth/oidc'

/** The login URL at the server's OpenID Connect provider (a fresh state and PKCE pair each time). */
export default class OidcQueries {
  static async authorizationUrl() {
    const url = await authorizationUrl()
    return url.href
  }
}
