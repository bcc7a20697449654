import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { limits } from '#config/limiter'
import { RateLimitedException } from '#exceptions/app_exception'

/** Name of the REST send throttle (start/limiter.ts): the HTTP limiter stores `<name>_<key>`. */
export const SEND_BUDGET_NAME = 'sends'

/** The key of one user's budget, as the REST throttle uses it. */
export function userBudgetKey(userId: string) {
  return `user:${userId}`
}

/**
 * One message-send budget per user, shared by REST (`sendThrottle`) and every
 * socket of the user, on every node: the same limiter (same budget, same key)
 * in the same store (Redis when REDIS_URL is set, per-node memory otherwise
 * or while Redis is down). More sockets or more nodes never mean more sends.
 */
export async function spendSendBudget(userId: string): Promise<void> {
  const budget = limiter.use({ requests: limits.sendsPerMinute, duration: '1 minute' })
  try {
    await budget.consume(`${SEND_BUDGET_NAME}_${userBudgetKey(userId)}`)
  } catch (error) {
    if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
    throw new RateLimitedException(
      'Too many messages, slow down',
      Math.max(1, error.response.availableIn)
    )
  }
}
