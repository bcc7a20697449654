import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import metrics from '#services/metrics'

/**
 * Times every request into `parley_http_request_duration_seconds`, labelled
 * with the matched route's pattern (never the raw URL, so ids do not become
 * series) once the response is written, whatever answered it (a controller,
 * the exception handler, a middleware). Nothing is done while metrics are
 * off (no METRICS_PORT).
 */
export default class HttpMetricsMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    if (!metrics.enabled) return next()
    const started = process.hrtime.bigint()
    const response = ctx.response.response
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      metrics.httpDuration.observe(
        {
          method: ctx.request.method(),
          route: ctx.route?.pattern ?? 'unmatched',
          status: String(response.statusCode),
        },
        seconds
      )
    })
    return next()
  }
}
