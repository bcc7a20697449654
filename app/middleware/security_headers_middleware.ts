import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Headers every answer starts with: API responses are per user and must not
 * be stored by browsers or proxies (`Cache-Control: no-store`), and no
 * answer may be sniffed into another type (`nosniff`). Routes that serve
 * cacheable files (the web client's assets, avatars) set their own
 * Cache-Control; pages set their Content-Security-Policy themselves.
 */
export default class SecurityHeadersMiddleware {
  async handle({ response }: HttpContext, next: NextFn) {
    response.header('Cache-Control', 'no-store')
    response.header('X-Content-Type-Options', 'nosniff')
    return next()
  }
}
