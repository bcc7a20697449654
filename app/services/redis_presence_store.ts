import type { Redis } from 'ioredis'
import logger from '@adonisjs/core/services/logger'
import type { GraceMarker, PresenceStore } from '#services/presence_service'
import { LEASE_NOW, LuaScript, RENEW_SCRIPT } from '#services/redis_leases'

/*
 * Keys, per organization and user:
 *   <prefix>:s:<org>:<user>  sorted set of socket ids, scored by lease expiry (ms)
 *   <prefix>:g:<org>:<user>  the grace marker (token of the pending offline), with a TTL
 *   <prefix>:u:<org>         set of user ids that may have sockets (pruned on read)
 * Every decision is one Lua script, so nodes never race each other. Times
 * come from Redis (TIME), so nodes with skewed clocks agree on leases.
 */

const NOW = LEASE_NOW

const ADD = new LuaScript(`${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[3])
return { redis.call('ZCARD', KEYS[1]), redis.call('DEL', KEYS[2]) }`)

const REMOVE = new LuaScript(`${NOW}
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local left = redis.call('ZCARD', KEYS[1])
if left == 0 then
  redis.call('SREM', KEYS[3], ARGV[4])
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
end
return left`)

const END_GRACE = new LuaScript(`${NOW}
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
return 1`)

const COUNT = new LuaScript(`${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])`)

/*
 * Who of several users is online (a live lease, or a grace period pending):
 * KEYS come in pairs (sockets, grace marker) per user; one flag per pair.
 * Read-only: live leases are counted (score after now), not pruned.
 */
const ONLINE_AMONG = new LuaScript(`${NOW}
local online = {}
for i = 1, #KEYS, 2 do
  local live = redis.call('ZCOUNT', KEYS[i], '(' .. now, '+inf') > 0
  online[#online + 1] = (live or redis.call('EXISTS', KEYS[i + 1]) == 1) and 1 or 0
end
return online`)

/**
 * Presence shared by every node through Redis. Each socket entry is a lease
 * the owning node renews, so the sockets of a node that died stop counting
 * once their lease runs out instead of keeping their users online forever.
 */
export class RedisPresenceStore implements PresenceStore {
  #local = new Map<string, { organizationId: string; userId: string }>()
  #renewal?: NodeJS.Timeout

  constructor(
    protected redis: Redis,
    protected options: { prefix?: string; leaseMs?: number } = {}
  ) {
    const every = this.#leaseMs / 3
    this.#renewal = setInterval(() => {
      this.renew().catch((error) => logger.warn({ err: error }, 'presence lease renewal failed'))
    }, every)
    this.#renewal.unref()
  }

  get #leaseMs() {
    return this.options.leaseMs ?? 30_000
  }

  #keys(organizationId: string, userId: string) {
    const prefix = this.options.prefix ?? 'parley:presence'
    return [
      `${prefix}:s:${organizationId}:${userId}`,
      `${prefix}:g:${organizationId}:${userId}`,
      `${prefix}:u:${organizationId}`,
    ]
  }

  async add(organizationId: string, userId: string, socketId: string) {
    this.#local.set(socketId, { organizationId, userId })
    const keys = this.#keys(organizationId, userId)
    const [sockets, resumed] = (await ADD.run(this.redis, keys, [
      socketId,
      this.#leaseMs,
      userId,
    ])) as [number, number]
    return { sockets, resumed: resumed === 1 }
  }

  async remove(organizationId: string, userId: string, socketId: string, grace: GraceMarker) {
    this.#local.delete(socketId)
    const keys = this.#keys(organizationId, userId)
    const args = [socketId, grace.token, grace.ttlMs, userId]
    return (await REMOVE.run(this.redis, keys, args)) as number
  }

  async endGrace(organizationId: string, userId: string, token: string) {
    const keys = this.#keys(organizationId, userId)
    return (await END_GRACE.run(this.redis, keys, [token])) === 1
  }

  async inGrace(organizationId: string, userId: string) {
    return (await this.redis.exists(this.#keys(organizationId, userId)[1])) === 1
  }

  async count(organizationId: string, userId: string) {
    return (await COUNT.run(this.redis, [this.#keys(organizationId, userId)[0]])) as number
  }

  async onlineAmong(organizationId: string, userIds: string[]) {
    if (!userIds.length) return new Set<string>()
    const keys = userIds.flatMap((userId) => this.#keys(organizationId, userId).slice(0, 2))
    const flags = (await ONLINE_AMONG.run(this.redis, keys)) as number[]
    return new Set(userIds.filter((_, index) => flags[index] === 1))
  }

  async onlineUserIds(organizationId: string) {
    const userIds = await this.redis.smembers(this.#keys(organizationId, '')[2])
    const counts = await Promise.all(userIds.map((userId) => this.count(organizationId, userId)))
    return userIds.filter((_, index) => counts[index] > 0)
  }

  /** Extends the leases of this node's sockets (runs every third of a lease). */
  async renew() {
    const entries = [...this.#local.entries()]
    if (!entries.length) return
    const keys = entries.map(([, who]) => this.#keys(who.organizationId, who.userId)[0])
    await RENEW_SCRIPT.run(this.redis, keys, [this.#leaseMs, ...entries.map(([id]) => id)])
  }

  /** Removes this node's sockets from Redis without announcing (gateway closed). */
  async clear() {
    const entries = [...this.#local.entries()]
    this.#local.clear()
    if (this.#renewal) clearInterval(this.#renewal)
    this.#renewal = undefined
    if (!entries.length) return
    const pipeline = this.redis.pipeline()
    for (const [socketId, who] of entries) {
      pipeline.zrem(this.#keys(who.organizationId, who.userId)[0], socketId)
    }
    await pipeline.exec()
  }
}
