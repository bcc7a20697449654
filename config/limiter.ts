import { defineConfig, stores } from '@adonisjs/limiter'
import { RuntimeException } from '@adonisjs/core/exceptions'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import type { InferLimiters, LimiterConsumptionOptions } from '@adonisjs/limiter/types'
import type { Redis } from 'ioredis'
import { createRedisClient, redisConfigured } from '#services/redis'
import { ResilientRedisStore } from '#services/resilient_limiter_store'

/*
|--------------------------------------------------------------------------
| Rate limits
|--------------------------------------------------------------------------
|
| With REDIS_URL the limits are shared by every node, falling back to
| per-node memory while Redis is down (never to no limit). Without Redis,
| per-node memory. Limits throttle; they never lock an account out.
|
*/
let redis: Redis | undefined

/**
 * A server connects at boot: a client made on first use is not ready for
 * that first request, which would then count in memory on this node only.
 */
if (redisConfigured() && app.getEnvironment() === 'web') redis = createRedisClient('limiter')

const limiterConfig = defineConfig({
  default: redisConfigured() ? 'redis' : 'memory',
  stores: {
    memory: stores.memory({}),
    redis: (options: LimiterConsumptionOptions) => {
      redis ??= createRedisClient('limiter')
      return new ResilientRedisStore(redis, options)
    },
  },
})

export default limiterConfig

/*
|--------------------------------------------------------------------------
| Budgets
|--------------------------------------------------------------------------
|
| What each throttle allows, from the environment (README, Rate limits).
| Per-account budgets on the doors where abuse is cheap; the login
| throttle counts failures per account and client, and only slows an
| account under attack down, so its owner always gets in.
|
*/

/** The budgets of Parley's rate limits (each one per window). */
export interface RateLimits {
  /** Message sends per user per minute, REST and every socket together, on every node. */
  sendsPerMinute: number
  /** Organizations one user may create per hour. */
  orgCreatesPerHour: number
  /** Rooms (direct and group) one user may open or create per hour. */
  roomCreatesPerHour: number
  /** Invites one user may send per hour, whatever the organization. */
  invitesPerHour: number
  /** Invites one user may send to one address per day (revoke-and-reinvite included). */
  invitesPerAddressPerDay: number
  /** Invite accepts one user may attempt per hour. */
  inviteAcceptsPerHour: number
  /** Reactions and pins changed per user per minute (each one is fanned out to a room). */
  reactionsPerMinute: number
  /** Searches per user per minute (each one hashes its words for every readable room). */
  searchesPerMinute: number
  login: {
    /** Failed logins per account from one client per minute; then that client waits. */
    failuresPerClientPerMinute: number
    /** Failed logins per account from all clients per 15 minutes before every attempt is slowed. */
    slowdownAfterFailures: number
    /** The delay of each attempt on an account under attack, in ms (at most 10 s). */
    slowdownMs: number
  }
}

/** Checks the budgets at boot and names the setting that is wrong. */
export function defineLimits(limits: RateLimits): RateLimits {
  const settings: Record<string, number> = {
    SEND_RATE_PER_MINUTE: limits.sendsPerMinute,
    ORG_CREATE_RATE_PER_HOUR: limits.orgCreatesPerHour,
    ROOM_CREATE_RATE_PER_HOUR: limits.roomCreatesPerHour,
    INVITE_RATE_PER_HOUR: limits.invitesPerHour,
    INVITE_ADDRESS_RATE_PER_DAY: limits.invitesPerAddressPerDay,
    INVITE_ACCEPT_RATE_PER_HOUR: limits.inviteAcceptsPerHour,
    REACTION_RATE_PER_MINUTE: limits.reactionsPerMinute,
    SEARCH_RATE_PER_MINUTE: limits.searchesPerMinute,
    LOGIN_FAILURES_PER_MINUTE: limits.login.failuresPerClientPerMinute,
    LOGIN_SLOWDOWN_AFTER_FAILURES: limits.login.slowdownAfterFailures,
  }
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RuntimeException(`Invalid ${name}: it must be a positive integer`)
    }
  }
  const delay = limits.login.slowdownMs
  if (!Number.isInteger(delay) || delay < 0 || delay > 10_000) {
    throw new RuntimeException('Invalid LOGIN_SLOWDOWN_MS: it must be an integer from 0 to 10000')
  }
  return limits
}

export const limits = defineLimits({
  sendsPerMinute: env.get('SEND_RATE_PER_MINUTE', 600),
  orgCreatesPerHour: env.get('ORG_CREATE_RATE_PER_HOUR', 10),
  roomCreatesPerHour: env.get('ROOM_CREATE_RATE_PER_HOUR', 120),
  invitesPerHour: env.get('INVITE_RATE_PER_HOUR', 50),
  invitesPerAddressPerDay: env.get('INVITE_ADDRESS_RATE_PER_DAY', 5),
  inviteAcceptsPerHour: env.get('INVITE_ACCEPT_RATE_PER_HOUR', 30),
  reactionsPerMinute: env.get('REACTION_RATE_PER_MINUTE', 300),
  searchesPerMinute: env.get('SEARCH_RATE_PER_MINUTE', 60),
  login: {
    failuresPerClientPerMinute: env.get('LOGIN_FAILURES_PER_MINUTE', 10),
    slowdownAfterFailures: env.get('LOGIN_SLOWDOWN_AFTER_FAILURES', 100),
    slowdownMs: env.get('LOGIN_SLOWDOWN_MS', 1000),
  },
})

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
