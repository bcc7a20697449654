import hash from '@adonisjs/core/services/hash'
import { errors as authErrors } from '@adonisjs/auth'
import User from '#models/user'
import loginThrottle from '#services/login_throttle'

export interface LoginUserInput {
  email?: string
  username?: string
  password: string
}

/** Who is logging in: the client's IP (#services/login_throttle). */
export interface LoginClient {
  ip: string
}

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
      this.verify(user, input.password)
    )
    const token = await User.accessTokens.create(verified, ['*'], { name: 'login' })
    return { user: verified, token: token.value!.release() }
  }

  private static async verify(user: User | null, password: string) {
    if (!user) {
      await hash.make(password)
      throw new authErrors.E_INVALID_CREDENTIALS('Invalid credentials')
    }
    const valid = await hash.verify(user.password, password)
    if (!valid || user.deactivatedAt) {
      throw new authErrors.E_INVALID_CREDENTIALS('Invalid credentials')
    }
    return user
  }
}
