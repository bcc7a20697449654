import createClient, { type Client } from 'openapi-fetch'
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import { Transmit } from '@adonisjs/transmit-client'
import type { paths } from './generated/openapi.js'
import type { Message, Room, Self, User } from './schemas.js'
import { ParleyError, errorFromResponse, type ErrorEntry } from './errors.js'
import { CursorStore, memoryStorage, type KeyValueStorage } from './storage.js'
import type {
  AckResponse,
  ClientEventName,
  ClientEvents,
  SendMessageInput,
  ServerEventName,
  ServerEvents,
  SocketContext,
  SyncResult,
} from './events.js'

/*
 * ParleyClient: one user's session with one Parley server.
 *
 * - REST through openapi-fetch, typed by the generated `paths`; the bearer
 *   token and the organization (`x-organization-id`) ride on every request.
 * - Real time over Socket.IO, or over SSE (Transmit) where a WebSocket
 *   cannot be held (`transport: 'sse'`, or `'auto'` falling back when the
 *   socket cannot connect).
 * - Nothing lost across reconnects: the client keeps, per room, the room's
 *   change counter it has everything up to (persisted in `storage`), and on
 *   every (re)connection asks for the changes after it: `sync` on the
 *   socket, `GET /chat/rooms/:roomId/messages?after=` on SSE. `onMessage`
 *   hands each message version to the app once, whether it came live or
 *   from a catch-up.
 * - Idempotent sends: `send()` gives every message a clientMessageId and
 *   retries failures that may be transient with the same id, so a send that
 *   reached the server is never stored twice.
 */

export type Transport = 'socket' | 'sse' | 'auto'
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline'

type EventSourceFactory = ConstructorParameters<typeof Transmit>[0]['eventSourceFactory']

export interface ParleyClientOptions {
  /** The server's base URL (`http://host:port`); in a browser usually `location.origin`. */
  baseUrl: string
  token?: string | null
  organizationId?: string | null
  /** Where sync cursors persist (default: memory only). */
  storage?: KeyValueStorage
  /** `socket` (default), `sse`, or `auto` (socket, SSE when the socket cannot connect). */
  transport?: Transport
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch
  /** How to open an EventSource (Node needs one, e.g. from the `eventsource` package). */
  eventSourceFactory?: EventSourceFactory
  /** Extra socket.io-client options. */
  socketOptions?: Partial<ManagerOptions & SocketOptions>
  /** How long a socket ack may take before the request counts as failed (default 10 s). */
  ackTimeoutMs?: number
  /** Waits between send attempts (default 500, 1000, 2000 ms: four attempts). */
  retryDelaysMs?: number[]
  /** Called when the server answers 401 to a request made with a token (the session is over). */
  onUnauthorized?: () => void
}

/** Rooms changed (joined, renamed, archived, …) or gone while the client was away. */
export interface RoomListChanges {
  rooms: Room[]
  removed: string[]
}

/** Where a message handed to `onMessage` came from. */
export interface MessageSource {
  source: 'live' | 'sync'
}

type Handler<T> = (payload: T) => void

export class ParleyClient {
  readonly rest: Client<paths>
  readonly cursors: CursorStore
  readonly baseUrl: string
  #token: string | null
  #organizationId: string | null
  #userId: string | null = null
  #options: ParleyClientOptions
  #fetch: typeof fetch
  #socket: Socket | null = null
  #transmit: Transmit | null = null
  /** What closing SSE undoes: each channel subscription (by channel) and the room-join handler. */
  #sseCleanup = new Map<string, () => void>()
  #transport: 'socket' | 'sse' | null = null
  #status: ConnectionStatus = 'idle'
  #handlers = new Map<string, Set<Handler<any>>>()
  #messageHandlers = new Set<(message: Message, source: MessageSource) => void>()
  #statusHandlers = new Set<(status: ConnectionStatus) => void>()
  #roomsHandlers = new Set<(changes: RoomListChanges) => void>()
  /** The newest version of each message handed to onMessage (its id → versionSeq). */
  #seen = new Map<string, number>()
  #catchingUp: Promise<void> | null = null
  #wakers = new Set<() => void>()

  constructor(options: ParleyClientOptions) {
    this.#options = options
    this.baseUrl = options.baseUrl.replace(/\/$/, '')
    this.#token = options.token ?? null
    this.#organizationId = options.organizationId ?? null
    this.cursors = new CursorStore(options.storage ?? memoryStorage())
    const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#fetch = async (input, init) => {
      try {
        return await baseFetch(input, init)
      } catch (error) {
        throw new ParleyError(
          {
            code: 'E_NETWORK',
            message: `The server could not be reached: ${(error as Error).message}`,
          },
          { cause: error }
        )
      }
    }
    this.rest = createClient<paths>({
      baseUrl: this.baseUrl,
      fetch: (request) => this.#fetch(request),
    })
    this.rest.use({
      onRequest: ({ request }) => {
        for (const [name, value] of Object.entries(this.#headers()))
          request.headers.set(name, value)
        return request
      },
    })
  }

  // ---------------------------------------------------------------- session

  get token() {
    return this.#token
  }
  get organizationId() {
    return this.#organizationId
  }
  get userId() {
    return this.#userId
  }
  get status() {
    return this.#status
  }
  /** The transport in use while connected: `socket`, `sse`, or null. */
  get transport() {
    return this.#transport
  }
  /** The underlying socket (null on SSE or when disconnected). */
  get socket() {
    return this.#socket
  }

  setToken(token: string | null) {
    this.#token = token
  }

  /** The organization of REST calls and of the next connection (no socket switch). */
  setOrganization(organizationId: string | null) {
    if (organizationId === this.#organizationId) return
    this.#organizationId = organizationId
    this.#seen.clear()
    if (this.#userId && organizationId) this.cursors.use(this.#userId, organizationId)
  }

  /** Acts in another organization: REST header, cursors, and the live connection. */
  async useOrganization(organizationId: string | null) {
    this.setOrganization(organizationId)
    if (this.#socket) {
      if (this.#socket.connected && organizationId) {
        await this.emit('switch_organization', { organizationId })
      }
    } else if (this.#transmit) {
      this.disconnect()
      await this.connect()
    }
  }

  /** `POST /auth/login`; keeps the token. */
  async login(credentials: { email?: string; username?: string; password: string }) {
    const body = await this.call<{ data: { user: Self; token: string } }>(
      this.rest.POST('/auth/login', { body: credentials as any })
    )
    this.#token = body.data.token
    this.#userId = body.data.user.id
    return body.data
  }

  /** `POST /auth/register`; keeps the token. */
  async register(input: {
    email: string
    username: string
    password: string
    displayName?: string
  }) {
    const body = await this.call<{ data: { user: Self; token: string } }>(
      this.rest.POST('/auth/register', { body: input as any })
    )
    this.#token = body.data.token
    this.#userId = body.data.user.id
    return body.data
  }

  /** `POST /auth/logout`, then forgets the token and closes the live connection. */
  async logout() {
    this.disconnect()
    try {
      await this.request('POST', '/auth/logout', {})
    } finally {
      this.#token = null
    }
  }

  /** `GET /users/me`. */
  async me(): Promise<Self> {
    const body = await this.call<{ data: Self }>(this.rest.GET('/users/me'))
    this.#userId = body.data.id
    return body.data
  }

  // ------------------------------------------------------------------- REST

  #headers(json = false): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (json) headers['content-type'] = 'application/json'
    if (this.#token) headers.authorization = `Bearer ${this.#token}`
    if (this.#organizationId) headers['x-organization-id'] = this.#organizationId
    return headers
  }

  /**
   * Awaits an openapi-fetch call and returns its body, or throws a
   * ParleyError with the server's code: `await client.call(client.rest.GET(…))`.
   */
  async call<T = unknown>(
    pending: Promise<{ data?: unknown; error?: unknown; response: Response }>
  ): Promise<T> {
    const { data, error, response } = await pending
    if (!response.ok) throw await this.#failure(response, error)
    return data as T
  }

  /** Any JSON request (paths outside the typed document, uploads): resolves to the body. */
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown
  ): Promise<{ data: T; meta?: any }> {
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData
    const response = await this.#fetch(this.baseUrl + path, {
      method,
      headers: this.#headers(body !== undefined && !isForm),
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    })
    if (response.status === 204) return { data: undefined as T }
    const parsed = await response.json().catch(() => ({}))
    if (!response.ok) throw await this.#failure(response, parsed)
    return parsed as { data: T; meta?: any }
  }

  /** Any JSON request: resolves to the body's `data`. */
  async data<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const { data } = await this.request<T>(method, path, body)
    return data
  }

  async #failure(response: Response, body: unknown) {
    const error = await errorFromResponse(response, body)
    if (response.status === 401 && this.#token) this.#options.onUnauthorized?.()
    return error
  }

  // -------------------------------------------------------------- real time

  /** Subscribes to a server event (either transport); returns the unsubscribe function. */
  on<Event extends ServerEventName>(event: Event, handler: Handler<ServerEvents[Event]>) {
    let set = this.#handlers.get(event)
    if (!set) this.#handlers.set(event, (set = new Set()))
    set.add(handler)
    return () => void set.delete(handler)
  }

  /**
   * Every message version once: new, edited or deleted, live or from a
   * catch-up after a reconnection (deletions arrive as the message with
   * `deletedAt` set when they come from a catch-up).
   */
  onMessage(handler: (message: Message, source: MessageSource) => void) {
    this.#messageHandlers.add(handler)
    return () => void this.#messageHandlers.delete(handler)
  }

  onStatus(handler: (status: ConnectionStatus) => void) {
    this.#statusHandlers.add(handler)
    return () => void this.#statusHandlers.delete(handler)
  }

  /** Starts tracking a room from a cursor (e.g. `meta.syncCursor` of its history page). */
  track(roomId: string, cursor: number) {
    this.cursors.advance(roomId, cursor)
  }

  /**
   * Starts tracking the room list from a cursor (`meta.cursor` of
   * `GET /chat/rooms`): catch-ups then report rooms that changed or went
   * away meanwhile to `onRoomsChanged`.
   */
  trackRooms(cursor: number) {
    this.cursors.advanceRoomList(cursor)
  }

  /** `GET /chat/rooms` (every room of mine in the organization); tracks the list from here. */
  async rooms(): Promise<Room[]> {
    const body = await this.call<{ data: Room[]; meta: { cursor: number } }>(
      this.rest.GET('/chat/rooms')
    )
    this.trackRooms(body.meta.cursor)
    return body.data
  }

  /** Rooms joined, changed or left while away, found by a catch-up (once the list is tracked). */
  onRoomsChanged(handler: (changes: RoomListChanges) => void) {
    this.#roomsHandlers.add(handler)
    return () => void this.#roomsHandlers.delete(handler)
  }

  #roomListChanged(changes: RoomListChanges & { cursor: number }) {
    for (const roomId of changes.removed) this.cursors.forget(roomId)
    this.cursors.advanceRoomList(changes.cursor)
    if (!changes.rooms.length && !changes.removed.length) return
    const { rooms, removed } = changes
    for (const handler of this.#roomsHandlers) handler({ rooms, removed })
  }

  #dispatch(event: string, payload: unknown) {
    if (event === 'new_message' || event === 'message_edited')
      this.#deliver(payload as Message, 'live')
    for (const handler of this.#handlers.get(event) ?? []) handler(payload)
  }

  #deliver(message: Message, source: MessageSource['source']) {
    const seen = this.#seen.get(message.id) ?? 0
    if (message.versionSeq <= seen) return
    this.#seen.set(message.id, message.versionSeq)
    this.cursors.advance(message.roomId, message.versionSeq)
    for (const handler of this.#messageHandlers) handler(message, { source })
  }

  #setStatus(status: ConnectionStatus) {
    if (this.#status === status) return
    this.#status = status
    for (const handler of this.#statusHandlers) handler(status)
  }

  /**
   * Opens the live connection. Resolves once connected (socket: with the
   * `connected` context) and the first catch-up is done; rejects with
   * `E_UNAUTHORIZED` on a refused handshake.
   */
  async connect(): Promise<void> {
    const transport = this.#options.transport ?? 'socket'
    // The socket's `connected` names the user; SSE needs it for its channels first.
    if (!this.#userId && transport !== 'socket') await this.me()
    if (this.#userId && this.#organizationId) this.cursors.use(this.#userId, this.#organizationId)
    if (transport === 'sse') return this.#connectSse()
    try {
      await this.#connectSocket()
    } catch (error) {
      if (transport !== 'auto' || (error as ParleyError).code === 'E_UNAUTHORIZED') throw error
      this.disconnect()
      await this.#connectSse()
    }
  }

  /** Closes the live connection (cursors stay). */
  disconnect() {
    this.#socket?.removeAllListeners()
    this.#socket?.disconnect()
    this.#socket = null
    for (const off of this.#sseCleanup.values()) off()
    this.#sseCleanup.clear()
    this.#transmit?.close()
    this.#transmit = null
    this.#transport = null
    this.#setStatus('offline')
  }

  #connectSocket() {
    this.#setStatus('connecting')
    const socket = io(this.baseUrl, {
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      ...this.#options.socketOptions,
      auth: (send) => send({ token: this.#token, organizationId: this.#organizationId }),
    })
    this.#socket = socket
    this.#transport = 'socket'
    return new Promise<void>((resolve, reject) => {
      let first = true
      socket.on('connected', (context: SocketContext) => {
        if (this.#organizationId !== context.organizationId) this.#seen.clear()
        this.#userId = context.userId
        this.#organizationId = context.organizationId
        this.cursors.use(context.userId, context.organizationId)
        this.#setStatus('online')
        this.#wake()
        // The cursors as they are now, before any live event moves them.
        const done = this.#catchUp(this.cursors.all(), this.cursors.roomList())
        if (first) {
          first = false
          done.then(resolve, resolve)
        }
      })
      socket.on('organization_switched', (context: SocketContext) => {
        this.#organizationId = context.organizationId
        this.cursors.use(context.userId, context.organizationId)
      })
      socket.on('disconnect', () => this.#setStatus('offline'))
      socket.on('connect_error', (error) => {
        this.#setStatus('offline')
        const code = error.message === 'E_UNAUTHORIZED' ? 'E_UNAUTHORIZED' : 'E_NETWORK'
        if (code === 'E_UNAUTHORIZED') {
          socket.disconnect()
          if (!first) this.#options.onUnauthorized?.()
        }
        if (first && (code === 'E_UNAUTHORIZED' || this.#options.transport === 'auto')) {
          first = false
          reject(new ParleyError({ code, message: error.message }, { cause: error }))
        }
      })
      socket.onAny((event: string, ...args: unknown[]) => {
        if (event === 'connected') return
        this.#dispatch(event, args[0])
      })
      socket.on('connected', (context: SocketContext) => this.#dispatch('connected', context))
    })
  }

  /** Emits a client event and resolves with its ack's data; rejects with a ParleyError. */
  emit<Event extends ClientEventName>(
    event: Event,
    payload: ClientEvents[Event]['payload']
  ): Promise<ClientEvents[Event]['result']> {
    return new Promise((resolve, reject) => {
      const socket = this.#socket
      if (!socket?.connected) {
        return reject(new ParleyError({ code: 'E_NOT_CONNECTED', message: 'Not connected' }))
      }
      socket
        .timeout(this.#options.ackTimeoutMs ?? 10_000)
        .emit(event, payload, (timeout: Error | null, answer: AckResponse<any>) => {
          if (timeout) {
            return reject(new ParleyError({ code: 'E_TIMEOUT', message: `No answer to ${event}` }))
          }
          if (answer?.ok) resolve(answer.data)
          else
            reject(
              new ParleyError(
                (answer?.error ?? { code: 'E_HTTP', message: 'Bad ack' }) as ErrorEntry
              )
            )
        })
    })
  }

  /** Fire-and-forget events (typing), only while the socket is connected. */
  notify(event: 'typing_start' | 'typing_stop', payload: { roomId: string }) {
    if (this.#socket?.connected) this.#socket.emit(event, payload)
  }

  /**
   * Catches up every tracked room now (what a reconnection does by itself).
   * Concurrent calls share one run.
   */
  sync(): Promise<void> {
    return this.#catchUp(this.cursors.all(), this.cursors.roomList())
  }

  #catchUp(cursors: Record<string, number>, roomsAfter: number | undefined): Promise<void> {
    const run = async () => {
      if (this.#transport === 'sse') return this.#catchUpRest(cursors, roomsAfter)
      let pending = cursors
      let listAfter = roomsAfter
      while (Object.keys(pending).length || listAfter !== undefined) {
        const result: SyncResult = await this.emit(
          'sync',
          listAfter === undefined ? { rooms: pending } : { rooms: pending, roomsAfter: listAfter }
        )
        listAfter = undefined
        if (result.roomList) this.#roomListChanged(result.roomList)
        const again: Record<string, number> = {}
        for (const [roomId, answer] of Object.entries(result.rooms)) {
          if (!answer.ok) {
            if (answer.error.code === 'E_NOT_FOUND') this.cursors.forget(roomId)
            continue
          }
          for (const message of answer.data.messages) this.#deliver(message, 'sync')
          this.cursors.advance(roomId, answer.data.cursor)
          if (answer.data.hasMore) again[roomId] = answer.data.cursor
        }
        pending = again
      }
    }
    // One catch-up at a time: a second waits for the first (their cursors then agree).
    const next = (this.#catchingUp ?? Promise.resolve()).then(run, run)
    this.#catchingUp = next.catch(() => {})
    return next
  }

  async #catchUpRest(cursors: Record<string, number>, roomsAfter: number | undefined) {
    if (roomsAfter !== undefined) {
      const list = await this.call<{ data: Room[]; meta: { cursor: number; removed: string[] } }>(
        this.rest.GET('/chat/rooms', { params: { query: { after: roomsAfter } } })
      )
      this.#roomListChanged({
        rooms: list.data,
        removed: list.meta.removed,
        cursor: list.meta.cursor,
      })
    }
    for (const [roomId, start] of Object.entries(cursors)) {
      let cursor = start
      for (;;) {
        let page: { data: Message[]; meta: { hasMore: boolean; syncCursor: number } }
        try {
          page = await this.call(
            this.rest.GET('/chat/rooms/{roomId}/messages', {
              params: { path: { roomId }, query: { after: cursor } as any },
            })
          )
        } catch (error) {
          if ((error as ParleyError).code === 'E_NOT_FOUND') this.cursors.forget(roomId)
          break
        }
        for (const message of page.data) this.#deliver(message, 'sync')
        const next = Math.max(cursor, page.meta.syncCursor, ...page.data.map((m) => m.versionSeq))
        this.cursors.advance(roomId, next)
        if (!page.meta.hasMore || next === cursor) break
        cursor = next
      }
    }
  }

  async #connectSse() {
    this.#setStatus('connecting')
    const organizationId = this.#organizationId
    if (!organizationId)
      throw new ParleyError({ code: 'E_BAD_REQUEST', message: 'SSE needs an organization' })
    const auth = (request: Request) => {
      if (this.#token) request.headers.set('authorization', `Bearer ${this.#token}`)
    }
    const transmit = new Transmit({
      baseUrl: this.baseUrl,
      uidGenerator: () => globalThis.crypto.randomUUID(),
      eventSourceFactory: this.#options.eventSourceFactory,
      beforeSubscribe: auth,
      beforeUnsubscribe: auth,
    })
    this.#transmit = transmit
    this.#transport = 'sse'
    let connectedOnce = false
    transmit.on('connected', () => {
      this.#setStatus('online')
      this.#wake()
      if (connectedOnce) void this.#catchUp(this.cursors.all(), this.cursors.roomList())
      connectedOnce = true
    })
    transmit.on('disconnected', () => this.#setStatus('offline'))
    transmit.on('reconnecting', () => this.#setStatus('connecting'))
    const cursorsBefore = this.cursors.all()
    const roomListBefore = this.cursors.roomList()
    await this.#sseSubscribe(`users/${this.#userId}`)
    await this.#sseSubscribe(`orgs/${organizationId}`)
    for (const room of await this.#myRooms())
      await this.#sseSubscribe(`orgs/${organizationId}/rooms/${room.id}`)
    // Rooms joined while connected: their channel too.
    const off = this.on('room_member_added', (event) => {
      if (this.#transport === 'sse' && event.userIds.includes(this.#userId!)) {
        void this.#sseSubscribe(`orgs/${event.organizationId}/rooms/${event.roomId}`)
      }
    })
    this.#sseCleanup.set('room_member_added', off)
    this.#setStatus('online')
    await this.#catchUp(cursorsBefore, roomListBefore)
  }

  async #sseSubscribe(channel: string) {
    if (!this.#transmit || this.#sseCleanup.has(channel)) return
    const subscription = this.#transmit.subscription(channel)
    const off = subscription.onMessage((message: { event: string; data: unknown }) =>
      this.#dispatch(message.event, message.data)
    )
    this.#sseCleanup.set(channel, () => {
      off()
    })
    await subscription.create()
  }

  async #myRooms(): Promise<Room[]> {
    const rooms: Room[] = []
    for (let page = 1; ; page++) {
      const body = await this.request<Room[]>('GET', `/chat/rooms?page=${page}&perPage=100`)
      rooms.push(...body.data)
      if (!body.meta?.lastPage || page >= body.meta.lastPage) return rooms
    }
  }

  // ------------------------------------------------------------------ sends

  /**
   * Sends a message (socket when connected, REST otherwise) and resolves with
   * the stored message. Failures that may be transient (no answer, 5xx, rate
   * limits) are retried with the same `clientMessageId`, so a send the server
   * already stored is answered with that message, never stored twice.
   * Slow mode (`E_SLOW_MODE`) is not retried: it is the member's pace, and
   * the error's `retryAfter` says when a send is accepted again.
   */
  async send(
    input: SendMessageInput,
    options: { retryDelaysMs?: number[] } = {}
  ): Promise<Message> {
    const payload = {
      ...input,
      clientMessageId: input.clientMessageId ?? globalThis.crypto.randomUUID(),
    }
    const delays = options.retryDelaysMs ?? this.#options.retryDelaysMs ?? [500, 1000, 2000]
    for (let attempt = 0; ; attempt++) {
      try {
        const message = this.#socket?.connected
          ? await this.emit('send_message', payload)
          : await this.data<Message>('POST', '/chat/messages', payload)
        this.#deliver(message, 'live')
        return message
      } catch (error) {
        const failure =
          error instanceof ParleyError
            ? error
            : new ParleyError({ code: 'E_NETWORK', message: String(error) }, { cause: error })
        if (!failure.retryable || failure.code === 'E_SLOW_MODE' || attempt >= delays.length)
          throw failure
        const wait = Math.max(delays[attempt], (failure.retryAfter ?? 0) * 1000)
        await this.#pause(wait)
      }
    }
  }

  /** A pause that a (re)connection cuts short. */
  #pause(ms: number) {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        this.#wakers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      this.#wakers.add(wake)
    })
  }

  #wake() {
    for (const wake of [...this.#wakers]) wake()
  }
}

export type { User }
