import type { Redis } from 'ioredis'
import type { TypingChanged } from '#events/realtime_events'
import type { TypingOptions, TypingStore } from '#realtime/typing_state'
import { LEASE_NOW, LuaScript } from '#services/redis_leases'

/*
 * Keys: <prefix>:expiry, a sorted set of `<socketId>|<roomId>` scored by
 * expiry (ms, Redis time), and <prefix>:state, a hash of the same keys to
 * `{ organizationId, roomId, userId, announcedAt }`. Each operation is one
 * Lua script, so two nodes sweeping at once never announce a state twice.
 */

const NOW = LEASE_NOW

const START = new LuaScript(`${NOW}
local due = 1
local announced = now
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if raw then
  local previous = cjson.decode(raw)
  if now - previous.announcedAt < tonumber(ARGV[3]) then
    due = 0
    announced = previous.announcedAt
  end
end
local who = cjson.decode(ARGV[2])
who.announcedAt = announced
redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(who))
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
return due`)

const STOP = new LuaScript(`local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw then return false end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
return raw`)

const TAKE_EXPIRED = new LuaScript(`${NOW}
local keys = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 500)
local taken = {}
for _, key in ipairs(keys) do
  redis.call('ZREM', KEYS[1], key)
  local raw = redis.call('HGET', KEYS[2], key)
  redis.call('HDEL', KEYS[2], key)
  if raw then table.insert(taken, raw) end
end
return taken`)

function parse(raw: string): TypingChanged {
  const { organizationId, roomId, userId } = JSON.parse(raw) as TypingChanged
  return { organizationId, roomId, userId }
}

/** Typing states shared by every node through Redis (DESIGN.md §6, many nodes). */
export class RedisTypingStore implements TypingStore {
  constructor(
    protected redis: Redis,
    protected prefix = 'parley:typing'
  ) {}

  get #keys() {
    return [`${this.prefix}:expiry`, `${this.prefix}:state`]
  }

  async start(key: string, who: TypingChanged, options: TypingOptions) {
    const state = JSON.stringify({
      organizationId: who.organizationId,
      roomId: who.roomId,
      userId: who.userId,
    })
    const args = [key, state, options.throttleMs, options.expiresAfterMs]
    return (await START.run(this.redis, this.#keys, args)) === 1
  }

  async stop(key: string) {
    const raw = (await STOP.run(this.redis, this.#keys, [key])) as string | null
    return raw ? parse(raw) : null
  }

  async takeExpired() {
    const taken = (await TAKE_EXPIRED.run(this.redis, this.#keys)) as string[]
    return taken.map(parse)
  }

  async has(key: string) {
    return (await this.redis.hexists(this.#keys[1], key)) === 1
  }

  async forget(keys: string[]) {
    if (!keys.length) return
    await this.redis
      .pipeline()
      .zrem(this.#keys[0], ...keys)
      .hdel(this.#keys[1], ...keys)
      .exec()
  }
}
