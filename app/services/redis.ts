import { Redis, type Callback, type Command, type RedisOptions } from 'ioredis'
import env from '#start/env'
import logger from '@adonisjs/core/services/logger'

/**
 * Redis connections for multi-node features (rate limits, the Socket.IO
 * adapter, Transmit's bus, presence and typing). Only used when REDIS_URL is
 * set; without it Parley runs on one node in memory.
 *
 * A Redis stall or restart must slow Parley down, never kill it (FIELD-NOTES,
 * "Crash seen under overload"), so every client made here:
 * - logs its errors (an 'error' event without a listener is only printed);
 * - never rejects unobserved: libraries that fire commands and forget them
 *   (the Streams adapter's PUBLISH and session SET) would otherwise raise an
 *   unhandled rejection, which ends a Node 24 process. Callers that await a
 *   command still see its error;
 * - in the `commands` role, fails fast while Redis is away (no offline queue,
 *   a command timeout for a stalled server), so callers fall back at once;
 * - in the `subscriber` role (subscriptions and blocking reads, also what
 *   `duplicate()` makes for libraries), waits for Redis to come back and
 *   resubscribes instead of spinning on errors.
 */
const clients = new Set<Redis>()

/** How a client behaves while Redis is unreachable (see above). */
export type RedisRole = 'commands' | 'subscriber'

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  commands: { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2000 },
  subscriber: { enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true },
}

const ignore = () => {}

/** An ioredis client with Parley's failure handling; its duplicates are too. */
export class ParleyRedis extends Redis {
  constructor(
    readonly clientName: string,
    readonly url: string,
    options: RedisOptions
  ) {
    super(url, options)
    this.on('error', (error) => logger.warn({ err: error, client: clientName }, 'redis error'))
    clients.add(this)
    this.once('end', () => clients.delete(this))
  }

  /** Marks every command's promise as observed; awaiting callers still get the rejection. */
  sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    const result = super.sendCommand(command, stream)
    if (result instanceof Promise) result.catch(ignore)
    return result
  }

  #quitting?: Promise<'OK'>

  /**
   * Closes after the pending replies. Idempotent and never rejects: at
   * shutdown a client can be closed twice at once (by the library that owns
   * it, such as Transmit's bus, and by closeRedisClients), and the second
   * QUIT on a closing stream fails ("Connection is closed"), which would
   * fail the application's termination (chatctl then exits 1).
   */
  quit(callback?: Callback<'OK'>): Promise<'OK'> {
    this.#quitting ??= super.quit().then(
      () => 'OK' as const,
      () => {
        this.disconnect()
        return 'OK' as const
      }
    )
    if (callback) void this.#quitting.then((reply) => callback(null, reply))
    return this.#quitting
  }

  /** Libraries duplicate a client to subscribe or block: such a copy waits out outages. */
  duplicate(override: Partial<RedisOptions> = {}): Redis {
    return createRedisClient(`${this.clientName}:copy`, this.url, {
      mode: 'subscriber',
      lazyConnect: false,
      ...override,
    })
  }
}

/** What Transmit's bus needs of a transport (the RedisTransport's shape). */
interface BusTransport {
  subscribe(channel: string, handler: (message: any) => void): Promise<void>
  disconnect(): Promise<void>
}

/**
 * Makes Transmit's Redis transport safe at shutdown. Transmit subscribes in
 * its constructor without awaiting (`void bus.subscribe(…)`), and its
 * provider creates it during shutdown when nothing did before (a chatctl
 * command): closing the transport's copies then rejects the pending
 * SUBSCRIBE ("Connection is closed"), an unhandled rejection that ended the
 * process with code 1 after the command had printed its result. A
 * subscription can only fail when its client is closed for good (ioredis
 * resends pending commands after a reconnect), so it is logged, not thrown;
 * disconnecting twice is harmless too.
 */
export function observedBusTransport<T extends BusTransport>(transport: T): T {
  const subscribe = transport.subscribe.bind(transport)
  const disconnect = transport.disconnect.bind(transport)
  transport.subscribe = ((channel: string, handler: (message: any) => void) =>
    subscribe(channel, handler).catch((error: unknown) =>
      logger.debug({ err: error, channel }, 'transmit bus: subscription ended with its client')
    )) as T['subscribe']
  transport.disconnect = (() => disconnect().catch(() => {})) as T['disconnect']
  return transport
}

/** Whether Redis is configured. */
export function redisConfigured(): boolean {
  return Boolean(env.get('REDIS_URL'))
}

/** Opens a new Redis client on REDIS_URL (or the given URL), tracked for shutdown. */
export function createRedisClient(
  name: string,
  url = env.get('REDIS_URL'),
  { mode = 'commands', ...options }: RedisOptions & { mode?: RedisRole } = {}
): ParleyRedis {
  if (!url) throw new Error('REDIS_URL is not set: Redis features are unavailable')
  return new ParleyRedis(name, url, {
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...ROLE_OPTIONS[mode],
    ...options,
  })
}

/** The clients this process has open and whether each is connected (metrics). */
export function redisClientStates(): { name: string; connected: boolean }[] {
  return [...clients].map((client) => ({
    name: client instanceof ParleyRedis ? client.clientName : 'redis',
    connected: client.status === 'ready',
  }))
}

/** Closes every client this process opened (provider shutdown). */
export async function closeRedisClients() {
  await Promise.all([...clients].map((client) => closeRedisClient(client)))
  clients.clear()
}

/** Closes one client: QUIT when connected, else just drops the connection attempts. */
export async function closeRedisClient(client: Redis) {
  if (client.status !== 'ready') return client.disconnect()
  await client.quit().catch(() => client.disconnect())
}

/** ioredis options from a `redis://[user:pass@]host:port[/db]` URL (for libraries that take options). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url)
  const db = Number(parsed.pathname.replace('/', '') || 0)
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isNaN(db) ? 0 : db,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  }
}
