import type { Socket } from 'socket.io'
import logger from '@adonisjs/core/services/logger'
import type User from '#models/user'
import type { Actor } from '#types/actor'
import { actorFor } from '#services/org_context'
import { cachedActor } from '#services/access_cache'
import { AppException, RateLimitedException } from '#exceptions/app_exception'
import { toErrorReport } from '#exceptions/error_shape'
import sessionWatch from '#realtime/session_watch'
import nodeDrain from '#services/node_drain'
import { withAuditOrigin } from '#services/audit_origin'
import type {
  Ack,
  AckError,
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '#realtime/socket_events'

/** A connected Parley socket, typed with the event maps. */
export type ParleySocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>

/**
 * A token bucket: `burst` events at once, refilled at `perSecond`. One per
 * socket bounds what a single connection can make the server do.
 */
export class TokenBucket {
  #tokens: number
  #updatedAt = Date.now()

  constructor(
    protected perSecond: number,
    protected burst: number
  ) {
    this.#tokens = burst
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = Date.now()
    this.#tokens = Math.min(
      this.burst,
      this.#tokens + ((now - this.#updatedAt) / 1000) * this.perSecond
    )
    this.#updatedAt = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }

  /** Whole seconds until the next token (at least 1), for `retryAfter`. */
  retryAfter(): number {
    return Math.max(1, Math.ceil((1 - this.#tokens) / this.perSecond))
  }
}

interface SocketSession {
  user: User
  bucket: TokenBucket
}

const sessions = new WeakMap<ParleySocket, SocketSession>()

/** Socket events being handled on this node (a draining node waits for them). */
const running = new Set<Promise<unknown>>()

/** Resolves once every socket event started so far has been answered. */
export async function handlersSettled() {
  while (running.size) await Promise.allSettled([...running])
}

/**
 * A draining node answers new events with this (503 E_SERVER_DRAINING): the
 * socket is about to be told to reconnect, and the client retries the event
 * (a send with the same clientMessageId) on the node it lands on.
 */
function draining() {
  return new AppException('This node is shutting down: retry after reconnecting', {
    status: 503,
    code: 'E_SERVER_DRAINING',
  })
}

/** Keeps what the handshake established for a socket (its user and its event budget). */
export function openSession(socket: ParleySocket, user: User, bucket: TokenBucket) {
  sessions.set(socket, { user, bucket })
}

/**
 * The socket's actor in its current organization, built per event with the
 * same lookup as REST, so a role change or a removal applies to the very
 * next event.
 */
export function actorOf(socket: ParleySocket): Promise<Actor> {
  return actorFor(sessionOf(socket).user, socket.data.organizationId, 'socket')
}

/**
 * The socket's actor for a send, without a query in the common case: the
 * actor its first send loaded (an idle socket keeps none), kept per node and dropped
 * on every node by role, membership, settings and session events
 * (app/services/access_cache.ts). It carries the socket's API token, which
 * the message store re-checks inside the write together with the
 * memberships and the account, so a revoked session cannot send on it.
 * Other events keep `actorOf`: their rules read the role.
 */
export async function sendingActorOf(socket: ParleySocket): Promise<Actor> {
  const { user } = sessionOf(socket)
  const { organizationId, tokenId } = socket.data
  const load = () => actorFor(user, organizationId, 'socket')
  const actor = await cachedActor(user, organizationId, load)
  return { ...actor, session: { tokenId } }
}

/** The socket's user. */
export function userOf(socket: ParleySocket): User {
  return sessionOf(socket).user
}

function sessionOf(socket: ParleySocket): SocketSession {
  const session = sessions.get(socket)
  if (!session) throw new AppException('Not authenticated', { status: 401, code: 'E_UNAUTHORIZED' })
  return session
}

/** 5xx codes that are expected, not Parley's failure (a draining node, a command's endpoint). */
const EXPECTED_5XX = new Set(['E_SERVER_DRAINING', 'E_COMMAND_FAILED'])

/** The ack error for anything thrown: the same `E_*` code REST answers. */
export function toAckError(error: unknown): AckError {
  const report = toErrorReport(error)
  const [first] = report.errors
  if (report.status >= 500 && !EXPECTED_5XX.has(first.code)) {
    logger.error({ err: error }, 'socket handler failed')
  }
  const failure: AckError = { code: first.code, message: first.message }
  if (first.field) failure.field = first.field
  if (report.retryAfter !== undefined) failure.retryAfter = report.retryAfter
  return failure
}

function rateLimited(bucket: TokenBucket) {
  return new RateLimitedException(
    'Too many events on this connection, slow down',
    bucket.retryAfter()
  )
}

/** A client event's handler, shared by every socket: it gets the socket and the payload. */
export type SocketHandler = (socket: ParleySocket, payload: unknown) => Promise<unknown>

/** Handlers by client event name (each module of app/realtime/handlers/ exports one table). */
export type SocketHandlers = Partial<Record<keyof ClientToServerEvents, SocketHandler>>

/**
 * Runs one client event: spends one token of the socket's budget, makes
 * sure its session is still live (app/realtime/session_watch.ts), runs the
 * handler with the payload, and answers `{ ok: true, data }` or
 * `{ ok: false, error }` through the ack callback, or, when the client
 * passed none, sends failures as an `error` event. Handlers validate their
 * payload with the REST validators and call the REST actions.
 */
export function answer(
  socket: ParleySocket,
  event: keyof ClientToServerEvents,
  args: unknown[],
  handler: SocketHandler
) {
  const ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack) : undefined
  const run = async () => {
    if (nodeDrain.draining) throw draining()
    const { bucket } = sessionOf(socket)
    if (!bucket.take()) throw rateLimited(bucket)
    await sessionWatch.assertLive(socket)
    return handler(socket, args[0])
  }
  const origin = { ip: socket.handshake.address?.slice(0, 45) || null, door: 'socket' } as const
  const answered = withAuditOrigin(origin, run).then(
    (data) => ack?.({ ok: true, data: data ?? null }),
    (error) => {
      const failure = toAckError(error)
      if (ack) ack({ ok: false, error: failure })
      else socket.emit('error', { event, ...failure })
      // The write found the session ended (app/domain/messages/message_batch.ts).
      if (failure.code === 'E_UNAUTHORIZED') setImmediate(() => socket.disconnect(true))
    }
  )
  running.add(answered)
  void answered.finally(() => running.delete(answered))
}

/**
 * Serves a socket's client events from one table shared by every socket:
 * a single catch-all listener per socket instead of one closure (and one
 * listener slot) per event per socket, which is what an idle connection
 * costs in memory (docs/scaling.md). Events the table does not name are
 * ignored, as an event without a listener always was.
 */
export function serveEvents(socket: ParleySocket, handlers: SocketHandlers) {
  socket.onAny((event: string, ...args: unknown[]) => {
    const handler = Object.hasOwn(handlers, event)
      ? handlers[event as keyof ClientToServerEvents]
      : undefined
    if (handler) answer(socket, event as keyof ClientToServerEvents, args, handler)
  })
}
