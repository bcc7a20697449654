import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import {
  closeRedisClient,
  createRedisClient,
  redisConfigured,
  type ParleyRedis,
} from '#services/redis'
import { revokeSseLocally, type SseRevocation } from '#realtime/sse'

const CHANNEL = 'parley:sse:revoke'

/**
 * How long a revocation waits for Redis to take it before the fan-out goes
 * on: long enough that it is published before the broadcasts that follow
 * it, short enough that an outage only delays them.
 */
const RELAY_WAIT_MS = 1000

/**
 * SSE streams and their subscriptions live on the node the client is
 * connected to, so a revocation decided on one node must reach every node
 * (DESIGN.md §4: revocation is immediate). With REDIS_URL the relay sends
 * revocations over Redis pub/sub; both of its clients wait out a Redis
 * outage (ioredis queues the publish and resubscribes), so a revocation made
 * during an outage still arrives once Redis is back. Without Redis there is
 * only this node.
 */
class SseRelay {
  #node = randomUUID()
  #publisher?: ParleyRedis
  #subscriber?: ParleyRedis

  /** Starts listening for the other nodes' revocations (realtime provider, ready). */
  async start(url?: string) {
    if (this.#subscriber || (!url && !redisConfigured())) return
    this.#publisher ??= createRedisClient('sse-relay', url, { mode: 'subscriber' })
    this.#subscriber = createRedisClient('sse-relay:sub', url, { mode: 'subscriber' })
    this.#subscriber.on('message', (_channel: string, raw: string) => this.#receive(raw))
    this.#subscriber.subscribe(CHANNEL).catch((error) => {
      logger.warn({ err: error }, 'SSE revocation relay could not subscribe')
    })
  }

  /** Applies a revocation here and sends it to the other nodes. */
  async revoke(revocation: SseRevocation) {
    await revokeSseLocally(revocation)
    if (!redisConfigured()) return
    this.#publisher ??= createRedisClient('sse-relay', undefined, { mode: 'subscriber' })
    const message = JSON.stringify({ node: this.#node, revocation })
    const published = this.#publisher.publish(CHANNEL, message).catch((error) => {
      logger.warn({ err: error }, 'SSE revocation could not be relayed')
    })
    await Promise.race([published, new Promise((resolve) => setTimeout(resolve, RELAY_WAIT_MS))])
  }

  /** Stops the relay (provider shutdown). */
  async stop() {
    const clients = [this.#publisher, this.#subscriber]
    this.#publisher = undefined
    this.#subscriber = undefined
    await Promise.all(clients.map((client) => client && closeRedisClient(client)))
  }

  #receive(raw: string) {
    try {
      const { node, revocation } = JSON.parse(raw) as { node: string; revocation: SseRevocation }
      if (node === this.#node) return
      revokeSseLocally(revocation).catch((error) => {
        logger.warn({ err: error }, 'SSE revocation failed')
      })
    } catch (error) {
      logger.warn({ err: error }, 'invalid SSE revocation message')
    }
  }
}

/** The node's SSE revocation relay. */
const sseRelay = new SseRelay()
export default sseRelay
