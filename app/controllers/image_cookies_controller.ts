import type { HttpContext } from '@adonisjs/core/http'
import { IMAGE_COOKIE } from '#middleware/image_cookie_middleware'

/** Sent only to /users/* (avatars), never from another site, never readable by scripts. */
const cookieOptions = (secure: boolean) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  path: '/users',
  secure,
  maxAge: '30d',
})

/**
 * The image cookie of a browser session. It carries the caller's own token,
 * encrypted with APP_KEY, so it ends with the token (logout, revocation,
 * deactivation) and shows nothing beyond what the token already may: an
 * avatar of someone the caller shares an organization with.
 */
export default class ImageCookiesController {
  /** POST /auth/image-cookie: sets the cookie for the token of this request. */
  async store({ request, response }: HttpContext) {
    const token = request.header('authorization')!.replace(/^Bearer\s+/i, '')
    response.encryptedCookie(IMAGE_COOKIE, token, cookieOptions(request.secure()))
    return response.noContent()
  }

  /** DELETE /auth/image-cookie: forgets it (sign-out in the browser). */
  async destroy({ request, response }: HttpContext) {
    response.clearCookie(IMAGE_COOKIE, cookieOptions(request.secure()))
    return response.noContent()
  }
}
