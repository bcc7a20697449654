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
