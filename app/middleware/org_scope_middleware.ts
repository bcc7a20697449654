import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Actor } from '#types/actor'
import { scopeRequest } from '#services/request_sessions'

/**
 * Puts the organization context on the request: `x-organization-id`, else the
 * user's active organization. Runs after the auth middleware.
 */
export default class OrgScopeMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await scopeRequest(ctx)
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** Set by OrgScopeMiddleware on tenant-scoped routes. */
    actor: Actor
  }
}
