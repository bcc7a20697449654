import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@adonisjs/transmit/transports/redis'
import { createRedisClient, observedBusTransport, redisConfigured } from '#services/redis'

/**
 * The bus's RedisTransport also takes a connection, which it duplicates
 * (its constructor has that overload); the `redis()` factory is only typed
 * for options, hence the cast.
 */
function transmitConnection() {
  const client = createRedisClient('transmit', undefined, { lazyConnect: true })
  return client as unknown as Parameters<typeof redis>[0]
}

/*
|--------------------------------------------------------------------------
| Server-Sent Events (Transmit)
|--------------------------------------------------------------------------
|
| With REDIS_URL, broadcasts cross nodes over Redis pub/sub. The transport
| is given a Parley client (never connected itself): it works on two copies
| of it, which log their errors and wait for Redis to come back, after which
| ioredis resubscribes and the bus sends what it could not publish. A stream
| and its subscriptions live on the node the client connected to.
|
*/
export default defineConfig({
  pingInterval: '25s',
  transport: redisConfigured()
    ? { driver: () => observedBusTransport(redis(transmitConnection())()) }
    : null,
})
