import { setTimeout as sleep } from 'node:timers/promises'
import limiter from '@adonisjs/limiter/services/main'
import logger from '@adonisjs/core/services/logger'
import { limits } from '#config/limiter'

/** The window in which failures from every client add up to "under attack". */
const ATTACK_WINDOW = '15 minutes'

/**
 * The failed-login throttle: a throttle, never a lock-out (README, Rate
 * limits). Failures are counted per account and client (IP, from
 * X-Forwarded-For only behind a trusted proxy): a client that keeps guessing
 * waits, while the owner, from another client, still gets in. Failures from
 * every client also add up per account; past a threshold the account is under
 * attack and every attempt on it is slowed by a bounded delay before the
 * password is checked, which is never a refusal.
 */
export class LoginThrottle {
  #perClient() {
    const requests = limits.login.failuresPerClientPerMinute
    return limiter.use({ requests, duration: '1 minute' })
  }

  #perAccount() {
    const requests = limits.login.slowdownAfterFailures
    return limiter.use({ requests, duration: ATTACK_WINDOW })
  }

  /**
   * Runs `verify` (which throws on wrong credentials) for `account` from
   * `client`: a client that spent its budget on this account gets the 429
   * (E_TOO_MANY_REQUESTS, with Retry-After) without a check; success clears
   * its count.
   */
  async attempt<T>(account: string, client: string, verify: () => Promise<T>): Promise<T> {
    const [throttled, result] = await this.#perClient().penalize(
      `login:${account}:client:${client}`,
      async () => {
        await this.#slowDownUnderAttack(account)
        try {
          return await verify()
        } catch (error) {
          await this.#perAccount().increment(`login:${account}`)
          throw error
        }
      }
    )
    if (throttled) throw throttled
    return result
  }

  /** Whether the failures from all clients on this account passed the threshold. */
  async underAttack(account: string): Promise<boolean> {
    const failures = await this.#perAccount().get(`login:${account}`)
    return (failures?.consumed ?? 0) >= limits.login.slowdownAfterFailures
  }

  async #slowDownUnderAttack(account: string) {
    if (!(await this.underAttack(account))) return
    logger.info({ account }, 'login slowed down: the account is under attack')
    await sleep(limits.login.slowdownMs)
  }
}

const loginThrottle = new LoginThrottle()
export default loginThrottle
