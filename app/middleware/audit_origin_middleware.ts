import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { withAuditOrigin } from '#services/audit_origin'

/**
 * Makes the client's IP (as `request.ip()` sees it, proxies trusted only when
 * configured) the audit origin of everything the request runs.
 */
export default class AuditOriginMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const ip = ctx.request.ip()?.slice(0, 45) ?? null
    return withAuditOrigin({ ip, door: 'rest' }, () => next())
  }
}
