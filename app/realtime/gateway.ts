import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import { Server, type ServerOptions } from 'socket.io'
import { Server as Engine } from 'engine.io'
import app from '@adonisjs/core/services/app'
import { activeSessionOfToken } from '#queries/live_sessions'
import type { SocketConfig } from '#config/socket'
import { resolveActor } from '#services/org_context'
import accessCache from '#services/access_cache'
import { AppException } from '#exceptions/app_exception'
import presence from '#services/presence_service'
import typingState from '#realtime/typing_state'
import { useSettings } from '#realtime/settings'
import { openCluster, type Cluster } from '#realtime/cluster'
import sessionWatch from '#realtime/session_watch'
import { redisConfigured } from '#services/redis'
import { userRoom } from '#realtime/channels'
import {
  openSession,
  serveEvents,
  type SocketHandlers,
  TokenBucket,
  toAckError,
  type ParleySocket,
} from '#realtime/ack'
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketContext,
  SocketData,
} from '#realtime/socket_events'
import connectionCap from '#realtime/connection_cap'
import { roomHandlers } from '#realtime/handlers/room_handlers'
import { messageHandlers } from '#realtime/handlers/message_handlers'
import { conversationHandlers } from '#realtime/handlers/conversation_handlers'
import { typingDisconnected, typingHandlers } from '#realtime/handlers/typing_handlers'
import { presenceConnected, presenceDisconnected } from '#realtime/handlers/presence_handlers'
import { enterOrganization, orgHandlers } from '#realtime/handlers/org_handlers'

/** The Parley Socket.IO server, typed with the event maps. */
export type ParleyServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>

type Handshake = ParleySocket['handshake']

function unauthorized() {
  return new AppException('Authentication required', { status: 401, code: 'E_UNAUTHORIZED' })
}

function header(handshake: Handshake, name: string): string | undefined {
  const value = handshake.headers[name]
  return typeof value === 'string' ? value : undefined
}

/** The raw token: `auth.token`, else `Authorization: Bearer <token>`. */
function tokenFrom(handshake: Handshake): string | undefined {
  const token: unknown = handshake.auth?.token
  if (typeof token === 'string' && token) return token
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(handshake, 'authorization') ?? '')
  return bearer?.[1]
}

/** The org context: `auth.organizationId`, else `x-organization-id`, else the active org. */
function organizationFrom(handshake: Handshake): string | undefined {
  const requested: unknown = handshake.auth?.organizationId
  if (requested !== undefined && requested !== null) return String(requested)
  return header(handshake, 'x-organization-id')
}

const contexts = new WeakMap<ParleySocket, SocketContext>()

/**
 * Handshake (STYLE.md 10): verifies the opaque access token, resolves the
 * org context with the same rules as REST, and joins the server-decided
 * rooms before the connection completes. The actor is not kept: a
 * socket's first send loads it into the access cache (app/services/
 * access_cache.ts), so a socket that never sends holds no copy of its
 * organization and membership. Failures reach the client as
 * `connect_error` whose message is the `E_*` code.
 */
async function authenticate(socket: ParleySocket, config: SocketConfig) {
  const raw = tokenFrom(socket.handshake)
  if (!raw) throw unauthorized()
  const session = await activeSessionOfToken(raw)
  if (!session) throw unauthorized()
  const { user } = session
  const actor = await resolveActor(user, organizationFrom(socket.handshake), 'socket')
  socket.data.userId = user.id
  socket.data.tokenId = session.tokenId
  openSession(
    socket,
    user,
    new TokenBucket(config.limits.eventsPerSecond, config.limits.eventBurst)
  )
  socket.join(userRoom(user.id))
  contexts.set(socket, await enterOrganization(socket, actor))
}

/** Every client event Parley serves, one table for all sockets (DESIGN.md §6). */
export const socketHandlers: SocketHandlers = {
  ...roomHandlers,
  ...messageHandlers,
  ...conversationHandlers,
  ...typingHandlers,
  ...orgHandlers,
}

function onDisconnect(this: ParleySocket) {
  typingDisconnected(this)
  presenceDisconnected(this)
}

/**
 * A socket in: it is served from the shared handler table and one shared
 * disconnect listener, so an idle socket holds no closure of Parley's, and
 * told where it is. The handshake's context is handed over once, not kept.
 */
function onConnection(socket: ParleySocket) {
  serveEvents(socket, socketHandlers)
  socket.on('disconnect', onDisconnect)
  presenceConnected(socket)
  const { userId, organizationId } = socket.data
  const context = contexts.get(socket) ?? { userId, organizationId, rooms: [] }
  contexts.delete(socket)
  socket.emit('connected', context)
}

/** Browsers may connect from the CORS_ORIGINS list or the same origin; other clients send none. */
function originAllowed(origins: string[], req: IncomingMessage) {
  const origin = req.headers.origin
  if (!origin || origins.includes('*') || origins.includes(origin)) return true
  try {
    return new URL(origin).host === req.headers.host
  } catch {
    return false
  }
}

/**
 * Builds the io server and its Engine.IO server: the one place where a Redis
 * adapter plugs in (`options.adapter`). Socket.IO's connection state
 * recovery stays off: it appends a packet offset as an extra argument to
 * every broadcast, and clients in other languages (python-socketio, Dart)
 * then receive two arguments or a list instead of the one payload DESIGN.md
 * §6 promises. A client that reconnects goes through the handshake again
 * and catches up with `sync` from its per-room cursors, which works on every
 * node and after any length of absence.
 */
export function createIoServer(
  config: SocketConfig,
  options: { adapter?: ServerOptions['adapter'] } = {}
): ParleyServer {
  const io: ParleyServer = new Server({
    serveClient: false,
    connectTimeout: config.connectTimeout,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  })
  const engine = new Engine({
    maxHttpBufferSize: config.maxHttpBufferSize,
    pingInterval: config.pingInterval,
    pingTimeout: config.pingTimeout,
    cors: { origin: config.origins.includes('*') ? true : config.origins, credentials: true },
    allowRequest: (req, callback) => callback(null, originAllowed(config.origins, req)),
  })
  io.bind(engine)
  io.use((socket, next) => {
    authenticate(socket, config).then(
      () => next(),
      (error) => {
        const failure = toAckError(error)
        next(Object.assign(new Error(failure.code), { data: failure }))
      }
    )
  })
  io.use(connectionCap.middleware)
  io.on('connection', onConnection)
  return io
}

/**
 * Routes the Engine.IO path of a Node server to the engine, in front of the
 * AdonisJS request handler, and returns how to undo it. Unlike
 * `io.attach()`, closing the gateway then leaves the HTTP server (owned by
 * AdonisJS) running.
 */
function mount(nodeServer: HttpServer | HttpsServer, engine: Engine, basePath: string) {
  const path = `${basePath.replace(/\/$/, '')}/`
  const ours = (req: IncomingMessage) => (req.url ?? '').startsWith(path)
  const previous = nodeServer.listeners('request') as ((...args: unknown[]) => void)[]
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (ours(req)) return engine.handleRequest(req, res)
    for (const listener of previous) listener.call(nodeServer, req, res)
  }
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (ours(req)) return engine.handleUpgrade(req, socket, head)
    if (nodeServer.listenerCount('upgrade') === 1) socket.destroy()
  }
  nodeServer.removeAllListeners('request')
  nodeServer.on('request', onRequest)
  nodeServer.on('upgrade', onUpgrade)
  return () => {
    nodeServer.off('request', onRequest)
    nodeServer.off('upgrade', onUpgrade)
    for (const listener of previous) nodeServer.on('request', listener)
  }
}

/**
 * The node's Socket.IO gateway. The realtime provider attaches it in the web
 * environment; tests attach it to the test server themselves (STYLE.md trap 3).
 * With REDIS_URL it joins the other nodes (app/realtime/cluster.ts);
 * without it, everything stays in this process. While attached, the session
 * watch re-checks the node's sockets and SSE streams.
 */
export class Gateway {
  #io?: ParleyServer
  #unmount?: () => void
  #cluster?: Cluster

  /** Whether this node shares its sockets with other nodes through Redis. */
  get clustered(): boolean {
    return Boolean(this.#cluster)
  }

  /** The io server while attached (the fan-out listener broadcasts through it). */
  get io(): ParleyServer | undefined {
    return this.#io
  }

  /** Serves Socket.IO on a Node HTTP server, with config/socket.ts unless given other settings. */
  attach(nodeServer: HttpServer | HttpsServer, config?: SocketConfig): ParleyServer {
    if (this.#io) throw new Error('The Socket.IO gateway is already attached')
    const settings = config ?? app.config.get<SocketConfig>('socket')
    const cluster = redisConfigured() ? openCluster(settings) : undefined
    useSettings(settings, cluster)
    accessCache.configure({ ttlMs: settings.sessions.revalidateMs })
    const io = createIoServer(settings, { adapter: cluster?.adapter })
    this.#cluster = cluster
    this.#unmount = mount(nodeServer, io.engine as Engine, settings.path)
    this.#io = io
    sessionWatch.start(io, settings.sessions.revalidateMs)
    return io
  }

  /** Sockets connected to this node. */
  get connectionCount(): number {
    return this.#io?.engine.clientsCount ?? 0
  }

  /**
   * Tells every socket of this node to reconnect (a draining node): each
   * connection is closed after what is queued on it has been written, so the
   * client sees a transport close, reconnects through the load balancer to
   * another node and resumes there (connection state recovery, then `sync`).
   * Broadcasts keep going out through the adapter until close().
   */
  handOff() {
    const io = this.#io
    if (!io) return
    // Engine-level, so connections still in their Socket.IO handshake go too.
    const { clients } = io.engine as unknown as { clients: Record<string, { close(): void }> }
    for (const client of Object.values(clients)) client.close()
  }

  /** Disconnects every socket and stops serving Socket.IO; the HTTP server keeps running. */
  async close() {
    const io = this.#io
    if (!io) return
    this.#io = undefined
    sessionWatch.stop()
    this.#unmount?.()
    this.#unmount = undefined
    await io.close()
    await typingState.clear().catch(() => {})
    await presence.clear().catch(() => {})
    await this.#cluster?.close()
    this.#cluster = undefined
  }
}

const gateway = new Gateway()
export default gateway
