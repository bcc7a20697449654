import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** The cookie that lets a browser's `<img>` load avatars (set by ImageCookiesController). */
export const IMAGE_COOKIE = 'parley_images'

/**
 * An `<img>` cannot send an Authorization header, so the avatar route also
 * accepts the image cookie (POST /auth/image-cookie): its token is copied to
 * the header when none is present, and the auth middleware then checks it as
 * any other (revoked or deactivated: 401). Only the avatar route uses this;
 * every other route ignores the cookie.
 */
export default class ImageCookieMiddleware {
  async handle({ request }: HttpContext, next: NextFn) {
    if (!request.headers().authorization) {
      const token = request.encryptedCookie(IMAGE_COOKIE)
      if (typeof token === 'string' && token.length < 512) {
        request.request.headers.authorization = `Bearer ${token}`
      }
    }
    return next()
  }
}
