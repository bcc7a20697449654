import {
  io as ioClient,
  type ManagerOptions,
  type Socket,
  type SocketOptions,
} from 'socket.io-client'
import server from '@adonisjs/core/services/server'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import type Organization from '#models/organization'
import type User from '#models/user'
import gateway from '#realtime/gateway'
import type { SocketConfig } from '#config/socket'
import type {
  AckResponse,
  ClientToServerEvents,
  ServerToClientEvents,
  SocketContext,
} from '#realtime/socket_events'
import CreateGroupRoom from '#actions/rooms/create_group_room'
import { actorFor } from '#services/org_context'
import {
  ackProblems,
  connectErrorProblems,
  reportEventProblems,
  socketEventProblems,
} from '#tests/helpers/asyncapi'

/** A real socket.io-client socket with Parley's event maps. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** Base URL of the test server started by the suite. */
export const serverUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * Attaches the gateway to the suite's HTTP server (the provider only does it
 * in the web environment) with config/socket.ts, or with settings changed by
 * `override`; returns the function that closes it.
 */
export function attachGateway(override: (config: SocketConfig) => SocketConfig = (c) => c) {
  const nodeServer = server.getNodeServer()
  if (!nodeServer) throw new Error('Start the HTTP server before attaching the gateway')
  gateway.attach(nodeServer, override(structuredClone(app.config.get<SocketConfig>('socket'))))
  return () => gateway.close()
}

const open = new Set<ClientSocket>()

/**
 * Opens a socket (websocket transport, no reconnection unless asked). Test
 * listeners can be added right after: the connection starts on the next tick.
 */
export function openSocket(
  auth: Record<string, unknown>,
  options: Partial<ManagerOptions & SocketOptions> = {}
): ClientSocket {
  return openSocketAt(serverUrl(), auth, options)
}

/** Opens a socket to another server (a spawned node, a balancer), as openSocket does. */
export function openSocketAt(
  url: string,
  auth: Record<string, unknown>,
  options: Partial<ManagerOptions & SocketOptions> = {}
): ClientSocket {
  const socket: ClientSocket = ioClient(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  })
  open.add(socket)
  checkAgainstAsyncApi(socket)
  return socket
}

/**
 * Checks everything the socket receives against /asyncapi.json: each event
 * (one argument, a documented payload), each ack (its event's documented
 * answer) and a refused handshake's `connect_error`. Problems fail the
 * running test (tests/helpers/asyncapi.ts).
 */
function checkAgainstAsyncApi(socket: ClientSocket) {
  socket.onAny((event: string, ...args: unknown[]) => {
    reportEventProblems(socketEventProblems(event, args))
  })
  socket.on('connect_error', (error: Error & { data?: unknown }) => {
    reportEventProblems(connectErrorProblems(error))
  })
  const emit = socket.emit.bind(socket) as (...args: unknown[]) => ClientSocket
  ;(socket as { emit: unknown }).emit = (event: string, ...args: unknown[]) => {
    const ack = args.at(-1)
    if (typeof ack === 'function') {
      args[args.length - 1] = (...answer: unknown[]) => {
        // With socket.timeout(), the first argument is the timeout error (null when answered);
        // a timed-out event has no answer to check.
        if (answer[0] instanceof Error) return ack(...answer)
        const response = answer.length === 2 ? answer[1] : answer[0]
        reportEventProblems(ackProblems(event, response))
        return ack(...answer)
      }
    }
    return emit(event, ...args)
  }
}

/** Closes every socket the test opened (teardown). */
export function closeSockets() {
  for (const socket of open) socket.disconnect()
  open.clear()
}

/** Resolves with the next `event` the socket receives (rejects after `timeout` ms). */
export function nextEvent<T = any>(
  socket: ClientSocket,
  event: string,
  timeout = 5000
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${timeout} ms`)), timeout)
    socket.once(event as any, (payload: T) => {
      clearTimeout(timer)
      resolve(payload)
    })
  })
}

/** Opens a socket and waits for the server's `connected`. */
export function connectAs(
  auth: Record<string, unknown>,
  options: Partial<ManagerOptions & SocketOptions> = {}
): Promise<{ socket: ClientSocket; context: SocketContext }> {
  return connectAt(serverUrl(), auth, options)
}

/** Opens a socket to another server and waits for the server's `connected`. */
export async function connectAt(
  url: string,
  auth: Record<string, unknown>,
  options: Partial<ManagerOptions & SocketOptions> = {}
): Promise<{ socket: ClientSocket; context: SocketContext }> {
  const socket = openSocketAt(url, auth, options)
  const failure = nextEvent<Error>(socket, 'connect_error').then((error) => {
    throw new Error(`connect_error: ${error.message}`)
  })
  failure.catch(() => {})
  const context = await Promise.race([nextEvent<SocketContext>(socket, 'connected'), failure])
  return { socket, context }
}

/** Opens a socket that must be refused; resolves with the `connect_error`. */
export async function refusedConnection(
  auth: Record<string, unknown>,
  options: Partial<ManagerOptions & SocketOptions> = {}
) {
  const socket = openSocket(auth, options)
  return nextEvent<Error & { data?: { code: string; message: string } }>(socket, 'connect_error')
}

/**
 * How long a test waits for an ack: generous, since CI runs the suite on
 * two loaded cores; an ack that never comes still fails the test.
 */
const ACK_WAIT_MS = 10_000

/** Emits an event with an ack and resolves with the server's answer. */
export function request<T = any>(
  socket: ClientSocket,
  event: keyof ClientToServerEvents,
  payload: unknown
): Promise<AckResponse<T>> {
  return (socket.timeout(ACK_WAIT_MS) as any).emitWithAck(event, payload)
}

/** Whether an event is acknowledged with `ok: true`. */
export async function succeeds(
  socket: ClientSocket,
  event: keyof ClientToServerEvents,
  payload: unknown
) {
  const answer = await request(socket, event, payload)
  return answer.ok
}

/** Records every `event` payload the socket receives, in order. */
export function record<T = any>(socket: ClientSocket, event: string): T[] {
  const received: T[] = []
  socket.on(event as any, (payload: T) => received.push(payload))
  return received
}

/** Waits until a condition holds (polling), or fails after `timeout` ms. */
export async function waitUntil(condition: () => boolean, timeout = 5000) {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeout) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A group room in `organization` created by `owner` (an org owner) with `members`. */
export async function groupRoom(organization: Organization, owner: User, members: User[] = []) {
  const actor = await actorFor(owner, organization.id)
  const view = await CreateGroupRoom.handle(actor, {
    name: `room-${Math.random().toString(36).slice(2, 8)}`,
    memberIds: members.map((member) => member.id),
  })
  return view.room
}
