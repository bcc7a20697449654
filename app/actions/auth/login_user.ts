import hash from '@adonisjs/core/services/hash'
import { errors as authErrors } from '@adonisjs/auth'
import User from '#models/user'
import loginThrottle from '#services/login_throttle'
import { openSession, type SessionClient } from '#domain/auth/sessions'
import { useSecondFactor } from '#domain/auth/two_factor'
import { AppException } from '#exceptions/app_exception'
import { recordAudit } from '#domain/audit/audit_log'

export interface LoginUserInput {
  email?: string
  username?: string
  password: string
  /** The second factor (TOTP or a recovery code), for accounts with two-factor authentication. */
  code?: string
}

/** Who is logging in: the client's IP (#services/login_throttle) and user agent. */
export type LoginClient = SessionClient

/**
 * Verifies credentials and issues a fresh access token. An unknown login, a
 * wrong password and a deactivated account are the same 401, and an unknown
 * login still pays for one hash so timing does not tell them apart. Failed
 * attempts are throttled per account and client (keyed by the account, so
 * its email and its username share one budget, or by the login string when
 * none matches): guesses from one client never lock the owner out.
 */
export default class LoginUser {
  static async handle(input: LoginUserInput, client: LoginClient) {
    const login = (input.email ?? input.username ?? '').toLowerCase()
    const user = await User.findByLogin(login)
    const account = user ? `user:${user.id}` : `unknown:${login}`
    const verified = await loginThrottle.attempt(account, client.ip, () =>
      this.verify(user, input.password, input.code).catch(async (error) => {
        await this.auditFailure(user, error)
        throw error
      })
    )
    const token = await openSession(verified, client, 'login')
    await recordAudit({
      action: 'auth.login',
      actorUserId: verified.id,
      targetType: 'user',
      targetId: verified.id,
    })
    return { user: verified, token }
  }

  /**
   * A failed attempt in the audit log: on the account when the login names
   * one (so its owner's organizations' admins can see attacks on it), with
   * the reason's code; an unknown login is recorded without the string typed.
   */
  private static auditFailure(user: User | null, error: unknown) {
    const code = (error as { code?: string }).code ?? 'E_INVALID_CREDENTIALS'
    return recordAudit({
      action: 'auth.login_failed',
      actorUserId: null,
      targetType: user ? 'user' : undefined,
      targetId: user?.id ?? null,
      details: { reason: code, knownAccount: Boolean(user) },
    })
  }

  private static async verify(user: User | null, password: string, code?: string) {
    if (!user) {
      await hash.make(password)
      throw new authErrors.E_INVALID_CREDENTIALS('Invalid credentials')
    }
    const valid = await hash.verify(user.password, password)
    if (!valid || user.deactivatedAt) {
      throw new authErrors.E_INVALID_CREDENTIALS('Invalid credentials')
    }
    if (user.twoFactorEnabledAt) await this.verifySecondFactor(user, code)
    return user
  }

  /**
   * After the right password, an account with two-factor authentication
   * needs a code: none is 401 E_TWO_FACTOR_REQUIRED (the client asks for
   * it and sends the login again with `code`), a wrong or reused one 401
   * E_TWO_FACTOR_INVALID. Both count as failed attempts in the throttle.
   */
  private static async verifySecondFactor(user: User, code?: string) {
    if (!code) {
      throw new AppException('Enter the code from your authenticator app', {
        status: 401,
        code: 'E_TWO_FACTOR_REQUIRED',
      })
    }
    if (!(await useSecondFactor(user, code))) {
      throw new AppException('The code is wrong or was already used', {
        status: 401,
        code: 'E_TWO_FACTOR_INVALID',
      })
    }
  }
}
