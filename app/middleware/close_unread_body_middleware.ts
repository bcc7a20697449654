import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * For upload routes: an answer given before the request body was read to
 * its end (access refused, a declared length over the limit, a body cut at
 * the limit) closes the connection. Otherwise Node would read and discard
 * the rest of the body to keep the connection alive, which is exactly the
 * reading a refused upload must not cost.
 */
export default class CloseUnreadBodyMiddleware {
  async handle({ request, response }: HttpContext, next: NextFn) {
    try {
      await next()
    } finally {
      if (!request.request.complete) response.header('Connection', 'close')
    }
  }
}
