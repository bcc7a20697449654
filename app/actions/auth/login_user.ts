import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import { errors as authErrors } from '@adonisjs/auth'
import User from '#models/user'

export interface LoginUserInput {
  email?: string
  username?: string
  password: string
}

/** Failed logins allowed per account per window: a throttle, never a lock-out. */
const accountLimiter = () => limiter.use({ requests: 10, duration: '1 minute' })

/**
 * Verifies credentials and issues a fresh access token. An unknown login, a
 * wrong password and a deactivated account are the same 401, and an unknown
 * login still pays for one hash so timing does not tell them apart. Failed
 * attempts are throttled per account (keyed by the account, so its email and
 * its username share one budget), or per login string when none matches.
 */
export default class LoginUser {
  static async handle(input: LoginUserInput) {
    const login = (input.email ?? input.username ?? '').toLowerCase()
    const user = await User.findByLogin(login)
    const key = user ? `login:user:${user.id}` : `login:unknown:${login}`
    const [throttled, verified] = await accountLimiter().penalize(key, () =>
      this.verify(user, input.password)
    )
    if (throttled) throw throttled
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
