import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import { Server, type ServerOptions } from 'socket.io'
import { Server as Engine } from 'engine.io'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import User from '#models/user'
import type { SocketConfig } from '#config/socket'
import { resolveActor } from '#services/org_context'
import { AppException } from '#exceptions/app_exception'
import presence from '#services/presence_service'
import typingState from '#realtime/typing_state'
import { useSettings } from '#realtime/settings'
import { guardRecovery } from '#realtime/recovery'
import { openCluster, type Cluster } from '#realtime/cluster'
import sessionWatch from '#realtime/session_watch'
import { redisConfigured } from '#services/redis'
import { userRoom } from '#realtime/channels'
import { openSession, TokenBucket, toAckError, type ParleySocket } from '#realtime/ack'
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketContext,
  SocketData,
} from '#realtime/socket_events'
import connectionCap from '#realtime/connection_cap'
import { registerRoomHandlers } from '#realtime/handlers/room_handlers'
import { registerMessageHandlers } from '#realtime/handlers/message_handlers'
import { registerTypingHandlers } from '#realtime/handlers/typing_handlers'
import { registerPresenceHandlers } from '#realtime/handlers/presence_handlers'
import { enterOrganization, registerOrgHandlers } from '#realtime/handlers/org_handlers'

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
 * rooms before the connection completes. Failures reach the client as
 * `connect_error` whose message is the `E_*` code.
 */
async function authenticate(socket: ParleySocket, config: SocketConfig) {
  const raw = tokenFrom(socket.handshake)
  if (!raw) throw unauthorized()
  const token = await User.accessTokens.verify(new Secret(raw))
  if (!token) throw unauthorized()
  const user = await User.find(token.tokenableId)
  if (!user || user.deactivatedAt) throw unauthorized()
  const actor = await resolveActor(user, organizationFrom(socket.handshake))
  socket.data.userId = user.id
  socket.data.tokenId = String(token.identifier)
  openSession(
    socket,
    user,
    new TokenBucket(config.limits.eventsPerSecond, config.limits.eventBurst)
  )
  socket.join(userRoom(user.id))
  contexts.set(socket, await enterOrganization(socket, actor))
}

function onConnection(io: ParleyServer, socket: ParleySocket) {
  registerRoomHandlers(io, socket)
  registerMessageHandlers(io, socket)
  registerTypingHandlers(io, socket)
  registerPresenceHandlers(io, socket)
  registerOrgHandlers(io, socket)
  const { userId, organizationId } = socket.data
  socket.emit('connected', contexts.get(socket) ?? { userId, organizationId, rooms: [] })
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
 * adapter plugs in (`options.adapter`). Connection state recovery is on, and
 * guarded so that a revoked session is never restored.
 */
export function createIoServer(
  config: SocketConfig,
  options: { adapter?: ServerOptions['adapter'] } = {}
): ParleyServer {
  const io: ParleyServer = new Server({
    serveClient: false,
    connectTimeout: config.connectTimeout,
    connectionStateRecovery: {
      maxDisconnectionDuration: config.recovery.maxDisconnectionDuration,
      skipMiddlewares: false,
    },
    ...(options.adapter ? { adapter: options.adapter } : {}),
  })
  guardRecovery(io.of('/').adapter)
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
  io.on('connection', (socket) => onConnection(io, socket))
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
    const io = createIoServer(settings, { adapter: cluster?.adapter })
    this.#cluster = cluster
    this.#unmount = mount(nodeServer, io.engine as Engine, settings.path)
    this.#io = io
    sessionWatch.start(io, settings.sessions.revalidateMs)
    return io
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
