import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import type { TypingChanged } from '#events/realtime_events'

/** Timings of typing state (config/socket.ts `typing`). */
export interface TypingOptions {
  throttleMs: number
  expiresAfterMs: number
}

/**
 * Where typing states live, keyed by `<socketId>|<roomId>`. In memory on one
 * node; RedisTypingStore shares them, so the states of a node that died are
 * still expired (and announced) by the others.
 */
export interface TypingStore {
  /** Records or refreshes a state; true when it must be announced (new, or throttle window over). */
  start(key: string, who: TypingChanged, options: TypingOptions): Promise<boolean>
  /** Ends a state; resolves to who was typing, or null when nobody was. */
  stop(key: string): Promise<TypingChanged | null>
  /** Takes every state past its expiry; each is handed to exactly one caller. */
  takeExpired(): Promise<TypingChanged[]>
  /** Whether a state exists. */
  has(key: string): Promise<boolean>
  /** Drops states without announcing them (shutdown). */
  forget(keys: string[]): Promise<void>
}

interface MemoryEntry {
  who: TypingChanged
  expiresAt: number
  announcedAt: number
}

/** The one-node store. */
export class MemoryTypingStore implements TypingStore {
  #entries = new Map<string, MemoryEntry>()

  async start(key: string, who: TypingChanged, options: TypingOptions) {
    const now = Date.now()
    const entry = this.#entries.get(key)
    const due = !entry || now - entry.announcedAt >= options.throttleMs
    const announcedAt = due ? now : entry.announcedAt
    this.#entries.set(key, { who, expiresAt: now + options.expiresAfterMs, announcedAt })
    return due
  }

  async stop(key: string) {
    const entry = this.#entries.get(key)
    this.#entries.delete(key)
    return entry?.who ?? null
  }

  async takeExpired() {
    const now = Date.now()
    const expired: TypingChanged[] = []
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) continue
      this.#entries.delete(key)
      expired.push(entry.who)
    }
    return expired
  }

  async has(key: string) {
    return this.#entries.has(key)
  }

  async forget(keys: string[]) {
    for (const key of keys) this.#entries.delete(key)
  }
}

/**
 * Who is typing where, per socket and room. A socket repeating
 * `typing_start` refreshes its state but is re-announced at most once per
 * throttle window; a state not refreshed in time expires (a sweep finds it),
 * so a client that vanished without `typing_stop` stops "typing" within
 * seconds. Changes go out as `typing:started` / `typing:stopped` events for
 * the fan-out listener.
 */
export class TypingState {
  #roomsBySocket = new Map<string, Set<string>>()
  #sweeper?: NodeJS.Timeout
  #sweeping = false

  constructor(
    protected options: TypingOptions,
    protected store: TypingStore = new MemoryTypingStore()
  ) {}

  /** Applies config/socket.ts and the store (the gateway calls it at attach) and starts sweeping. */
  configure(options: TypingOptions, store?: TypingStore) {
    this.options = options
    if (store) this.store = store
    if (this.#sweeper) clearInterval(this.#sweeper)
    const every = Math.max(50, Math.min(1000, options.expiresAfterMs / 4))
    this.#sweeper = setInterval(() => this.#sweep(), every)
    this.#sweeper.unref()
  }

  /** A socket's user is typing in a room. */
  async start(socketId: string, who: TypingChanged) {
    const rooms = this.#roomsBySocket.get(socketId) ?? new Set<string>()
    rooms.add(who.roomId)
    this.#roomsBySocket.set(socketId, rooms)
    const due = await this.store.start(`${socketId}|${who.roomId}`, who, this.options)
    if (due) emitter.emit('typing:started', who)
  }

  /** A socket's user stopped typing in a room (explicitly, or by leaving). */
  async stop(socketId: string, roomId: string) {
    this.#roomsBySocket.get(socketId)?.delete(roomId)
    const who = await this.store.stop(`${socketId}|${roomId}`)
    if (who) emitter.emit('typing:stopped', who)
  }

  /** Ends every typing state of a socket (disconnect, organization switch). */
  async stopAll(socketId: string) {
    const rooms = [...(this.#roomsBySocket.get(socketId) ?? [])]
    this.#roomsBySocket.delete(socketId)
    await Promise.all(rooms.map((roomId) => this.stop(socketId, roomId)))
  }

  /** Whether a socket is typing in a room. */
  isTyping(socketId: string, roomId: string) {
    return this.store.has(`${socketId}|${roomId}`)
  }

  /** Drops this node's states without announcing anything and stops sweeping (shutdown). */
  async clear() {
    if (this.#sweeper) clearInterval(this.#sweeper)
    this.#sweeper = undefined
    const keys = [...this.#roomsBySocket].flatMap(([socketId, rooms]) =>
      [...rooms].map((roomId) => `${socketId}|${roomId}`)
    )
    this.#roomsBySocket.clear()
    await this.store.forget(keys)
  }

  /** Announces the end of expired states, from any node; one sweep at a time. */
  async #sweep() {
    if (this.#sweeping) return
    this.#sweeping = true
    try {
      for (const who of await this.store.takeExpired()) emitter.emit('typing:stopped', who)
    } catch (error) {
      logger.warn({ err: error }, 'typing expiry sweep failed')
    } finally {
      this.#sweeping = false
    }
  }
}

/** The node's typing state; the gateway configures it from config/socket.ts. */
const typingState = new TypingState({ throttleMs: 2_000, expiresAfterMs: 6_000 })
export default typingState
