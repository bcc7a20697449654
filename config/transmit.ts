import env from '#start/env'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@adonisjs/transmit/transports/redis'
import { redisOptionsFromUrl } from '#services/redis'

/*
|--------------------------------------------------------------------------
| Server-Sent Events (Transmit)
|--------------------------------------------------------------------------
|
| With REDIS_URL, broadcasts cross nodes over Redis pub/sub (the bus retries
| publishes that fail while Redis is down). A stream and its subscriptions
| live on the node the client connected to.
|
*/
const redisUrl = env.get('REDIS_URL')

export default defineConfig({
  pingInterval: '25s',
  transport: redisUrl ? { driver: redis(redisOptionsFromUrl(redisUrl)) } : null,
})
