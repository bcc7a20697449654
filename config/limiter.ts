import { defineConfig, stores } from '@adonisjs/limiter'
import type { InferLimiters, LimiterConsumptionOptions } from '@adonisjs/limiter/types'
import type { Redis } from 'ioredis'
import { createRedisClient, redisConfigured } from '#services/redis'
import { ResilientRedisStore } from '#services/resilient_limiter_store'

/*
|--------------------------------------------------------------------------
| Rate limits
|--------------------------------------------------------------------------
|
| With REDIS_URL the limits are shared by every node, falling back to
| per-node memory while Redis is down (never to no limit). Without Redis,
| per-node memory. Limits throttle; they never lock an account out.
|
*/
let redis: Redis | undefined

const limiterConfig = defineConfig({
  default: redisConfigured() ? 'redis' : 'memory',
  stores: {
    memory: stores.memory({}),
    redis: (options: LimiterConsumptionOptions) => {
      redis ??= createRedisClient('limiter')
      return new ResilientRedisStore(redis, options)
    },
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
