import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

/**
 * Lua fragments shared by the Redis stores whose entries are leases: sorted
 * sets of socket ids scored by lease expiry (presence, the per-user socket
 * cap). Times come from Redis (TIME), so nodes with skewed clocks agree.
 */

/** Sets `now` (milliseconds, Redis clock) for the rest of a script. */
export const LEASE_NOW = `local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)`

/**
 * Renews this node's leases: KEYS are the sorted sets, ARGV[1] the lease in
 * ms, ARGV[i + 1] the member in KEYS[i]. An entry already expired and pruned
 * is not brought back.
 */
export const RENEW_LEASES = `${LEASE_NOW}
for i, key in ipairs(KEYS) do
  if redis.call('ZADD', key, 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i + 1]) == 1 then
    redis.call('PEXPIRE', key, ARGV[1])
  end
end
return 0`

/**
 * A Lua script sent by its SHA1 (`EVALSHA`): the body crosses the network
 * only when Redis answers `NOSCRIPT` (first use, a restart, `SCRIPT FLUSH`),
 * and that one `EVAL` caches it again for every node.
 */
export class LuaScript {
  readonly sha: string

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex')
  }

  async run(redis: Redis, keys: string[], args: (string | number)[] = []): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args)
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
      return redis.eval(this.source, keys.length, ...keys, ...args)
    }
  }
}

/** RENEW_LEASES, by SHA. */
export const RENEW_SCRIPT = new LuaScript(RENEW_LEASES)
