import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { AppException } from '#exceptions/app_exception'

/**
 * Routes a bot's API key never opens (403 E_BOT_FORBIDDEN): a bot is
 * managed by its organization's admins, so it cannot change its own account,
 * sessions or two-factor state, create or leave organizations, or accept
 * invites. It can do everything a member does in its rooms.
 */
const BOT_FORBIDDEN = /^(auth\.(?!logout$)|users\.updateMe$|orgs\.(store|leave|invites\.accept)$)/

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
    if (user.botOrganizationId && BOT_FORBIDDEN.test(ctx.route?.name ?? '')) {
      throw new AppException('Bots cannot use this route', {
        status: 403,
        code: 'E_BOT_FORBIDDEN',
      })
    }
    return next()
  }
}
