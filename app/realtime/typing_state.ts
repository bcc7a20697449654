import emitter from '@adonisjs/core/services/emitter'
import type { TypingChanged } from '#events/realtime_events'

interface TypingEntry extends TypingChanged {
  timer: NodeJS.Timeout
  announcedAt: number
}

/** Timings of typing state (config/socket.ts `typing`). */
export interface TypingOptions {
  throttleMs: number
  expiresAfterMs: number
}

/**
 * Who is typing where, per socket and room. A socket repeating
 * `typing_start` refreshes its state but is re-announced at most once per
 * throttle window; a state not refreshed in time expires, so a client that
 * vanished without `typing_stop` stops "typing" within seconds. Changes go
 * out as `typing:started` / `typing:stopped` events for the fan-out listener.
 */
export class TypingState {
  #entries = new Map<string, TypingEntry>()
  #roomsBySocket = new Map<string, Set<string>>()

  constructor(protected options: TypingOptions) {}

  /** Applies config/socket.ts (the gateway calls it at attach). */
  configure(options: TypingOptions) {
    this.options = options
  }

  /** A socket's user is typing in a room. */
  start(socketId: string, who: TypingChanged) {
    const key = `${socketId}|${who.roomId}`
    const entry = this.#entries.get(key)
    if (entry) clearTimeout(entry.timer)
    const now = Date.now()
    const due = !entry || now - entry.announcedAt >= this.options.throttleMs
    const timer = setTimeout(() => this.stop(socketId, who.roomId), this.options.expiresAfterMs)
    timer.unref()
    this.#entries.set(key, { ...who, timer, announcedAt: due ? now : entry.announcedAt })
    const rooms = this.#roomsBySocket.get(socketId) ?? new Set<string>()
    rooms.add(who.roomId)
    this.#roomsBySocket.set(socketId, rooms)
    if (due) emitter.emit('typing:started', who)
  }

  /** A socket's user stopped typing in a room (explicitly, by expiry, or by leaving). */
  stop(socketId: string, roomId: string) {
    const key = `${socketId}|${roomId}`
    const entry = this.#entries.get(key)
    if (!entry) return
    clearTimeout(entry.timer)
    this.#entries.delete(key)
    this.#roomsBySocket.get(socketId)?.delete(roomId)
    const { organizationId, userId } = entry
    emitter.emit('typing:stopped', { organizationId, roomId, userId })
  }

  /** Ends every typing state of a socket (disconnect, organization switch). */
  stopAll(socketId: string) {
    for (const roomId of [...(this.#roomsBySocket.get(socketId) ?? [])]) this.stop(socketId, roomId)
    this.#roomsBySocket.delete(socketId)
  }

  /** Whether a socket is typing in a room. */
  isTyping(socketId: string, roomId: string) {
    return this.#entries.has(`${socketId}|${roomId}`)
  }

  /** Drops every state without announcing anything (shutdown). */
  clear() {
    for (const entry of this.#entries.values()) clearTimeout(entry.timer)
    this.#entries.clear()
    this.#roomsBySocket.clear()
  }
}

/** The node's typing state; the gateway configures it from config/socket.ts. */
const typingState = new TypingState({ throttleMs: 2_000, expiresAfterMs: 6_000 })
export default typingState
