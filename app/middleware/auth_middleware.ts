import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { authenticateRequest } from '#services/request_sessions'

/** Requires a valid, non-revoked access token of an active account (401 otherwise). */
export default class AuthMiddleware {
  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    await authenticateRequest(ctx, options.guards)
    return next()
  }
}
