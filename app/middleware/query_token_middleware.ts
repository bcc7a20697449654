import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Browsers' EventSource cannot send headers, so the SSE stream route also
 * accepts `?token=`; it is copied to the Authorization header when none is
 * present. Only the stream route uses this (subscribe calls send headers).
 */
export default class QueryTokenMiddleware {
  async handle({ request }: HttpContext, next: NextFn) {
    const token = request.qs().token
    const headers = request.headers()
    if (!headers.authorization && typeof token === 'string' && token.length < 512) {
      request.request.headers.authorization = `Bearer ${token}`
    }
    return next()
  }
}
