import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import logger from '@adonisjs/core/services/logger'
import { AppException } from '#exceptions/app_exception'
import { toAckError, type ParleySocket } from '#realtime/ack'
import { LEASE_NOW, LuaScript, RENEW_SCRIPT } from '#services/redis_leases'

/** Where a user's open sockets are counted. */
export interface ConnectionStore {
  /** Counts `member` for the user when they have fewer than `max` sockets; false when full. */
  admit(userId: string, member: string, max: number): Promise<boolean>
  release(userId: string, member: string): Promise<void>
  /** Forgets this node's sockets (gateway closed). */
  clear(): Promise<void>
}

/** One node's count, in memory: the store without Redis, and the fallback while Redis is down. */
export class MemoryConnectionStore implements ConnectionStore {
  #users = new Map<string, Set<string>>()

  async admit(userId: string, member: string, max: number) {
    const sockets = this.#users.get(userId) ?? new Set<string>()
    if (sockets.size >= max) return false
    this.#users.set(userId, sockets.add(member))
    return true
  }

  async release(userId: string, member: string) {
    const sockets = this.#users.get(userId)
    sockets?.delete(member)
    if (sockets?.size === 0) this.#users.delete(userId)
  }

  async clear() {
    this.#users.clear()
  }
}

/* KEYS[1] sorted set of a user's sockets scored by lease expiry; ARGV: member, leaseMs, max */
const ADMIT = new LuaScript(`${LEASE_NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`)

/**
 * The count of every node, in Redis: admitting is one Lua script (check and
 * add together, so two nodes never both admit the last slot). Each entry is a
 * lease its node renews, so the sockets of a node that died stop counting
 * after a lease. While Redis is unreachable the node counts in memory: the cap
 * becomes per node, never absent.
 */
export class RedisConnectionStore implements ConnectionStore {
  #local = new Map<string, { userId: string; inRedis: boolean }>()
  #fallback = new MemoryConnectionStore()
  #renewal: NodeJS.Timeout

  constructor(
    protected redis: Redis,
    protected options: { leaseMs: number; prefix?: string }
  ) {
    this.#renewal = setInterval(() => {
      this.renew().catch((error) => logger.warn({ err: error }, 'socket lease renewal failed'))
    }, options.leaseMs / 3)
    this.#renewal.unref()
  }

  #key(userId: string) {
    return `${this.options.prefix ?? 'parley:connections'}:${userId}`
  }

  async admit(userId: string, member: string, max: number) {
    let admitted: boolean
    let inRedis = true
    try {
      const args = [member, this.options.leaseMs, max]
      admitted = (await ADMIT.run(this.redis, [this.#key(userId)], args)) === 1
    } catch (error) {
      logger.warn({ err: error }, 'socket cap: Redis unreachable, counting on this node')
      inRedis = false
      admitted = await this.#fallback.admit(userId, member, max)
    }
    if (admitted) this.#local.set(member, { userId, inRedis })
    return admitted
  }

  async release(userId: string, member: string) {
    const entry = this.#local.get(member)
    this.#local.delete(member)
    if (!entry?.inRedis) return this.#fallback.release(userId, member)
    await this.redis.zrem(this.#key(userId), member)
  }

  /** Extends the leases of this node's sockets (every third of a lease). */
  async renew() {
    const entries = [...this.#local.entries()].filter(([, entry]) => entry.inRedis)
    if (!entries.length) return
    const keys = entries.map(([, entry]) => this.#key(entry.userId))
    const members = entries.map(([member]) => member)
    await RENEW_SCRIPT.run(this.redis, keys, [this.options.leaseMs, ...members])
  }

  async clear() {
    clearInterval(this.#renewal)
    const entries = [...this.#local.entries()].filter(([, entry]) => entry.inRedis)
    this.#local.clear()
    await this.#fallback.clear()
    if (!entries.length) return
    const pipeline = this.redis.pipeline()
    for (const [member, entry] of entries) pipeline.zrem(this.#key(entry.userId), member)
    await pipeline.exec()
  }
}

/**
 * The cap on a user's concurrent sockets (config/socket.ts
 * `limits.maxSocketsPerUser`, SOCKETS_PER_USER), across nodes with Redis.
 * A refused handshake gets `connect_error` `E_TOO_MANY_CONNECTIONS`; closing
 * any of the user's sockets frees a slot at once.
 */
class ConnectionCap {
  #max = 20
  #store: ConnectionStore = new MemoryConnectionStore()

  /** Applied by the gateway's settings (#realtime/settings). */
  configure(max: number, store: ConnectionStore) {
    this.#max = max
    this.#store = store
  }

  /** Socket.IO middleware, after authentication (it needs `socket.data.userId`). */
  readonly middleware = (socket: ParleySocket, next: (error?: Error) => void) => {
    this.#admit(socket).then(
      () => next(),
      (error) => {
        const failure = toAckError(error)
        next(Object.assign(new Error(failure.code), { data: failure }))
      }
    )
  }

  async #admit(socket: ParleySocket) {
    const { userId } = socket.data
    const store = this.#store
    const member = `${socket.id}:${randomUUID()}`
    if (!(await store.admit(userId, member, this.#max))) {
      throw new AppException(`At most ${this.#max} connections per account: close one first`, {
        status: 429,
        code: 'E_TOO_MANY_CONNECTIONS',
      })
    }
    let released = false
    const release = () => {
      if (released) return
      released = true
      store.release(userId, member).catch((error) => {
        logger.warn({ err: error }, 'socket cap: release failed (the lease will expire)')
      })
    }
    socket.once('disconnect', release)
    socket.conn.once('close', release)
    if (socket.conn.readyState !== 'open') release()
  }

  /** Forgets every count (gateway closed). */
  clear() {
    return this.#store.clear()
  }
}

const connectionCap = new ConnectionCap()
export default connectionCap
