import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import {
  closeRedisClient,
  createRedisClient,
  redisConfigured,
  type ParleyRedis,
} from '#services/redis'
import gateway from '#realtime/gateway'
import { userRoom } from '#realtime/channels'
import { revokeSseLocally, type Revocation } from '#realtime/sse'
import type { SocketData } from '#realtime/socket_events'
import accessCache, { type Invalidation } from '#services/access_cache'

const CHANNEL = 'parley:sessions:revoke'

/**
 * How long a revocation waits for Redis to take it before the fan-out goes
 * on: long enough that it is published before the broadcasts that follow
 * it, short enough that an outage only delays them.
 */
const RELAY_WAIT_MS = 1000

/** What goes over the channel: a revocation, or what an access cache must drop. */
type RelayMessage =
  { node: string; revocation: Revocation } | { node: string; invalidation: Invalidation }

/** Whether a socket belongs to the sessions a revocation ends. */
function socketRevoked(data: Partial<SocketData>, revocation: Revocation) {
  if (revocation.kind === 'tokens') return revocation.tokenIds.includes(data.tokenId ?? '')
  if (revocation.kind === 'organization') return data.organizationId === revocation.organizationId
  return false
}

/**
 * Ends what a revocation covers on this node: the matching sockets
 * disconnect (the client sees `io server disconnect`), the matching SSE
 * streams end or lose their channels.
 */
export async function revokeLocally(revocation: Revocation) {
  const io = gateway.io
  if (io && revocation.kind !== 'channel') {
    const sockets = await io.in(userRoom(revocation.userId)).local.fetchSockets()
    for (const socket of sockets) {
      if (socketRevoked(socket.data, revocation)) socket.disconnect(true)
    }
  }
  await revokeSseLocally(revocation)
}

/**
 * Sockets and SSE streams live on the node the client is connected to, so
 * a revocation decided on one node must reach every node (DESIGN.md §4:
 * revocation is immediate). With REDIS_URL the relay sends revocations over
 * Redis pub/sub; both of its clients wait out a Redis outage (ioredis queues
 * the publish and resubscribes), so a revocation made during an outage still
 * arrives once Redis is back, and the session watch (app/realtime/
 * session_watch.ts) catches anything lost meanwhile. Without Redis there is
 * only this node.
 */
class RevocationRelay {
  #node = randomUUID()
  #publisher?: ParleyRedis
  #subscriber?: ParleyRedis

  /** Starts listening for the other nodes' revocations (realtime provider, ready). */
  async start(url?: string) {
    if (this.#subscriber || (!url && !redisConfigured())) return
    this.#publisher ??= createRedisClient('revocation-relay', url, { mode: 'subscriber' })
    this.#subscriber = createRedisClient('revocation-relay:sub', url, { mode: 'subscriber' })
    this.#subscriber.on('message', (_channel: string, raw: string) => this.#receive(raw))
    this.#subscriber.subscribe(CHANNEL).catch((error) => {
      logger.warn({ err: error }, 'revocation relay could not subscribe')
    })
  }

  /** Applies a revocation here and sends it to the other nodes. */
  async revoke(revocation: Revocation) {
    await revokeLocally(revocation)
    await this.#publish({ node: this.#node, revocation })
  }

  /**
   * Drops what a change made stale from this node's access cache
   * (app/services/access_cache.ts) and from every other node's, through the
   * same channel as revocations and with the same wait, so the other nodes
   * are told before the change's client events go out.
   */
  async invalidate(invalidation: Invalidation) {
    accessCache.invalidate(invalidation)
    await this.#publish({ node: this.#node, invalidation })
  }

  async #publish(message: RelayMessage) {
    if (!redisConfigured()) return
    this.#publisher ??= createRedisClient('revocation-relay', undefined, { mode: 'subscriber' })
    const published = this.#publisher.publish(CHANNEL, JSON.stringify(message)).catch((error) => {
      logger.warn({ err: error }, 'revocation could not be relayed')
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
      const message = JSON.parse(raw) as RelayMessage
      if (message.node === this.#node) return
      if ('invalidation' in message) return accessCache.invalidate(message.invalidation)
      revokeLocally(message.revocation).catch((error) => {
        logger.warn({ err: error }, 'revocation failed')
      })
    } catch (error) {
      logger.warn({ err: error }, 'invalid revocation message')
    }
  }
}

/** The node's revocation relay. */
const revocationRelay = new RevocationRelay()
export default revocationRelay
