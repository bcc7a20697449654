import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import env from '#start/env'
import { toErrorReport } from '#exceptions/error_shape'
import { jsonTooDeep } from '#middleware/json_body_middleware'

/**
 * Renders every error in the DESIGN.md shape `{ errors: [{ code, message, field? }] }`
 * and reports only unexpected ones (5xx). A 5xx answer carries only a generic
 * message and the request id that its log line also carries: internals (SQL,
 * paths, source) never reach a client unless a developer opts in with
 * DEBUG_ERROR_PAGES, which production ignores.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = env.get('DEBUG_ERROR_PAGES', false) === true && !app.inProduction

  protected ignoreStatuses = [400, 401, 403, 404, 409, 413, 415, 422, 429]

  /** A slash command's endpoint failing is its owner's problem, logged at info where it is called. */
  protected ignoreCodes = ['E_COMMAND_FAILED']

  async handle(error: unknown, ctx: HttpContext) {
    const report = toErrorReport(overflowedBody(error, ctx) ? jsonTooDeep() : error)
    const requestId = ctx.request.id()
    if (requestId) ctx.response.header('X-Request-Id', requestId)
    if (report.retryAfter !== undefined) {
      ctx.response.header('Retry-After', String(report.retryAfter))
    }
    if (report.status >= 500) {
      if (this.debug) return super.handle(error, ctx)
      for (const entry of report.errors) entry.requestId = requestId
    }
    return ctx.response.status(report.status).send({ errors: report.errors })
  }

  async report(error: unknown, ctx: HttpContext) {
    if (overflowedBody(error, ctx)) return
    return super.report(error, ctx)
  }

  protected context(ctx: HttpContext) {
    return {
      requestId: ctx.request.id(),
      userId: ctx.auth?.user?.id,
      organizationId: ctx.actor?.organization.id,
    }
  }
}

/**
 * A stack overflow while the body parser was still reading the body (it
 * deep-clones what it parsed, recursively): a hostile `[[[[…]]]]`, not a
 * bug. The parser sets `bodyType` only once the body is in place.
 */
function overflowedBody(error: unknown, ctx: HttpContext) {
  return error instanceof RangeError && ctx.request.hasBody() && ctx.request.bodyType === undefined
}
