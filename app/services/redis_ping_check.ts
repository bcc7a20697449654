import { Redis } from 'ioredis'
import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'

/**
 * Pings the Redis server named by `REDIS_URL` on a short-lived connection.
 * A dedicated connection (closed after each run) keeps the check honest: it
 * fails when Redis is down even if long-lived clients are still retrying,
 * and the command timeout makes it fail (not hang) when Redis is stalled.
 */
export class RedisPingCheck extends BaseCheck {
  name = 'redis'

  constructor(private url: string) {
    super()
  }

  async run(): Promise<HealthCheckResult> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      connectTimeout: 2000,
      commandTimeout: 2000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    })
    let lastError: Error | undefined
    client.on('error', (error) => (lastError = error))
    try {
      await client.connect()
      await client.ping()
      return Result.ok('Redis answered PING')
    } catch (error) {
      const reason = (lastError ?? (error as Error)).message
      return Result.failed(`Redis is unreachable: ${reason}`)
    } finally {
      client.disconnect()
    }
  }
}
