import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { AppException } from '#exceptions/app_exception'

/** Requires a valid, non-revoked access token of an active account (401 otherwise). */
export default class AuthMiddleware {
  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    const user = await ctx.auth.authenticateUsing(options.guards)
    if (user.deactivatedAt) {
      throw new AppException('This account is deactivated', {
        status: 401,
        code: 'E_UNAUTHORIZED',
      })
    }
    return next()
  }
}
