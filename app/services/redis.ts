import { Redis, type RedisOptions } from 'ioredis'
import env from '#start/env'
import logger from '@adonisjs/core/services/logger'

/**
 * Redis connections for multi-node features (rate limits, Socket.IO adapter,
 * presence). Only used when REDIS_URL is set; without it Parley runs on one
 * node in memory.
 *
 * Every client gets an error listener (an unhandled 'error' event would kill
 * the process) and fails commands fast while disconnected, so callers can fall
 * back instead of queueing work behind a dead server.
 */
const clients = new Set<Redis>()

/** Whether Redis is configured. */
export function redisConfigured(): boolean {
  return Boolean(env.get('REDIS_URL'))
}

/** Opens a new Redis client on REDIS_URL (or the given URL), tracked for shutdown. */
export function createRedisClient(
  name: string,
  url = env.get('REDIS_URL'),
  options: RedisOptions = {}
) {
  if (!url) throw new Error('REDIS_URL is not set: Redis features are unavailable')
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...options,
  })
  client.on('error', (error) => logger.warn({ err: error, client: name }, 'redis client error'))
  clients.add(client)
  client.once('end', () => clients.delete(client))
  return client
}

/** Closes every client this process opened (provider shutdown). */
export async function closeRedisClients() {
  await Promise.all([...clients].map((client) => client.quit().catch(() => client.disconnect())))
  clients.clear()
}

/** ioredis options from a `redis://[user:pass@]host:port[/db]` URL (for libraries that take options). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url)
  const db = Number(parsed.pathname.replace('/', '') || 0)
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isNaN(db) ? 0 : db,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  }
}
