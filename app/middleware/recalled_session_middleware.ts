import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { openSession, recallSession } from '#services/request_sessions'

/**
 * The auth and org-scope middleware in one, for a route whose one statement
 * proves the session it is handed (`ctx.sessionProof`) and answers through
 * `reopenSession` when the proof fails (app/services/request_sessions.ts):
 * a session this node read lately is recalled instead of read again.
 */
export default class RecalledSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!recallSession(ctx)) await openSession(ctx)
    return next()
  }
}
