import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Answers every request with its id in `X-Request-Id` (the client's own, or
 * a generated one): the id that the request's log lines carry and that a
 * 5xx body names, so a report from a user can be found in the logs.
 */
export default class RequestIdMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const requestId = ctx.request.id()
    if (requestId) ctx.response.header('X-Request-Id', requestId)
    return next()
  }
}
