import env from '#start/env'
import { RuntimeException } from '@adonisjs/core/exceptions'
import { allowedOrigins } from '#config/cors'

/*
|--------------------------------------------------------------------------
| Socket.IO gateway
|--------------------------------------------------------------------------
|
| Transport limits, CORS (the same CORS_ORIGINS
| list as REST and SSE), per-socket and per-user abuse limits (message
| sends have one budget per user with REST: config/limiter.ts), and the timings of
| presence and typing state. Tests use short timings so that expiry and
| grace periods can be observed without slowing the suite down.
|
*/

/** Settings of the Socket.IO gateway (app/realtime/gateway.ts). */
export interface SocketConfig {
  /** URL path of the Engine.IO endpoint (the socket.io-client default). */
  path: string
  /** Largest accepted packet, in bytes: a bigger one closes the connection. */
  maxHttpBufferSize: number
  /** Heartbeat period and how long a silent client is kept, in ms. */
  pingInterval: number
  pingTimeout: number
  /** How long a connection may take to finish the handshake, in ms. */
  connectTimeout: number
  /** Allowed browser origins; `*` allows any. Same-origin requests always pass. */
  origins: string[]
  limits: {
    /** Token bucket per socket over every client event: refill rate and burst. */
    eventsPerSecond: number
    eventBurst: number
    /** Chat rooms one socket may be in at once. */
    maxJoinedRooms: number
    /** Concurrent sockets of one user, on every node with Redis (SOCKETS_PER_USER). */
    maxSocketsPerUser: number
  }
  presence: {
    /** Time between a user's last socket closing and `user_offline` (a reconnect cancels it). */
    offlineGraceMs: number
  }
  typing: {
    /** A socket's repeated typing_start in one room is re-broadcast at most this often. */
    throttleMs: number
    /** A typing state not refreshed for this long ends with `user_stopped_typing`. */
    expiresAfterMs: number
  }
  sessions: {
    /**
     * Every live socket and SSE stream is re-checked this often (token not
     * revoked, account active, still a member): the safety net behind the
     * revocation events, which end sessions at once. SESSION_REVALIDATE_SECONDS.
     */
    revalidateMs: number
  }
  /** Several nodes over Redis (REDIS_URL): ignored on one node. */
  cluster: {
    /** Entries kept in the Socket.IO Redis stream the nodes broadcast through. */
    streamMaxLen: number
    /** A node renews its sockets' presence leases; a dead node's sockets stop counting after this. */
    presenceLeaseMs: number
  }
}

/** Checks the settings at boot and names the one that is wrong. */
export function defineConfig(config: SocketConfig): SocketConfig {
  const numbers = {
    maxHttpBufferSize: config.maxHttpBufferSize,
    eventsPerSecond: config.limits.eventsPerSecond,
    eventBurst: config.limits.eventBurst,
    maxJoinedRooms: config.limits.maxJoinedRooms,
    maxSocketsPerUser: config.limits.maxSocketsPerUser,
    expiresAfterMs: config.typing.expiresAfterMs,
    streamMaxLen: config.cluster.streamMaxLen,
    presenceLeaseMs: config.cluster.presenceLeaseMs,
    revalidateMs: config.sessions.revalidateMs,
  }
  for (const [name, value] of Object.entries(numbers)) {
    if (!(value > 0)) {
      throw new RuntimeException(`Invalid config/socket.ts: "${name}" must be a positive number`)
    }
  }
  return config
}

const inTest = env.get('NODE_ENV') === 'test'

export default defineConfig({
  path: '/socket.io',
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 25_000,
  pingTimeout: 20_000,
  connectTimeout: 10_000,
  origins: allowedOrigins,
  limits: {
    eventsPerSecond: 20,
    eventBurst: 40,
    maxJoinedRooms: 1000,
    maxSocketsPerUser: env.get('SOCKETS_PER_USER', 20),
  },
  presence: {
    offlineGraceMs: inTest ? 200 : 10_000,
  },
  typing: {
    throttleMs: 2_000,
    expiresAfterMs: inTest ? 400 : 6_000,
  },
  sessions: {
    revalidateMs: (env.get('SESSION_REVALIDATE_SECONDS') ?? 30) * 1000,
  },
  cluster: {
    streamMaxLen: 10_000,
    presenceLeaseMs: inTest ? 3_000 : 30_000,
  },
})
