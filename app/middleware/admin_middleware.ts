import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { AppException } from '#exceptions/app_exception'

/**
 * The admin API's door: an admin token (the `admin` guard, never a user's API
 * token) of an active account that holds the server-wide admin role. A
 * missing or invalid token is 401; an account that lost the role is 403.
 */
export default class AdminMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = await ctx.auth.authenticateUsing(['admin'])
    if (user.deactivatedAt) {
      throw new AppException('This account is deactivated', { status: 401, code: 'E_UNAUTHORIZED' })
    }
    if (!user.isAdmin) {
      throw new AppException('This account is not a server admin', {
        status: 403,
        code: 'E_FORBIDDEN',
      })
    }
    return next()
  }
}
