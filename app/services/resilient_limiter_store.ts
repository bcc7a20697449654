import string from '@adonisjs/core/helpers/string'
import RateLimiterBridge from '@adonisjs/limiter/stores/bridge'
import type { LimiterConsumptionOptions } from '@adonisjs/limiter/types'
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'
import type { Redis } from 'ioredis'

/**
 * A rate-limit store on Redis, shared by every node, that falls back to a
 * per-node memory limiter while Redis is unreachable: limits get looser
 * (per node instead of global) but never disappear.
 */
export class ResilientRedisStore extends RateLimiterBridge {
  readonly name = 'redis'

  constructor(
    protected client: Redis,
    options: LimiterConsumptionOptions & { keyPrefix?: string }
  ) {
    const limits = {
      keyPrefix: options.keyPrefix ?? 'parley:rl',
      points: options.requests,
      duration: string.seconds.parse(options.duration),
      blockDuration: options.blockDuration ? string.seconds.parse(options.blockDuration) : 0,
    }
    super(
      new RateLimiterRedis({
        ...limits,
        storeClient: client,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(limits),
      })
    )
  }

  /** Deletes this store's keys (never FLUSHDB: Redis is shared with other features). */
  async clear() {
    this.deleteInMemoryBlockedKeys()
    const prefix = (this.rateLimiter as RateLimiterRedis).keyPrefix
    const keys = await this.client.keys(`${prefix}:*`)
    if (keys.length) await this.client.del(...keys)
  }
}
