import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { toErrorReport } from '#exceptions/error_shape'

/**
 * Renders every error in the DESIGN.md shape `{ errors: [{ code, message, field? }] }`
 * and reports only unexpected ones (5xx).
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  protected ignoreStatuses = [400, 401, 403, 404, 409, 413, 415, 422, 429]

  async handle(error: unknown, ctx: HttpContext) {
    const report = toErrorReport(error)
    if (report.retryAfter !== undefined) {
      ctx.response.header('Retry-After', String(report.retryAfter))
    }
    if (report.status === 500 && this.debug && !app.inTest) {
      return super.handle(error, ctx)
    }
    return ctx.response.status(report.status).send({ errors: report.errors })
  }

  async report(error: unknown, ctx: HttpContext) {
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
