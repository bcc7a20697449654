import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'

/**
 * Where live sockets are counted, per organization and user. In memory on
 * one node; a Redis implementation of the same interface lets several nodes
 * share presence (DESIGN.md §6) without touching PresenceService.
 */
export interface PresenceStore {
  /** Records one socket of a user in an organization; resolves to the user's socket count there. */
  add(organizationId: string, userId: string, socketId: string): Promise<number>
  /** Forgets one socket; resolves to how many the user still has in the organization. */
  remove(organizationId: string, userId: string, socketId: string): Promise<number>
  /** How many sockets a user has in an organization. */
  count(organizationId: string, userId: string): Promise<number>
  /** Users with at least one socket in an organization. */
  onlineUserIds(organizationId: string): Promise<string[]>
  /** Forgets everything (the gateway closed). */
  clear(): Promise<void>
}

/** The one-node store: a map of socket ids per organization and user. */
export class MemoryPresenceStore implements PresenceStore {
  #sockets = new Map<string, Map<string, Set<string>>>()

  async add(organizationId: string, userId: string, socketId: string) {
    const users = this.#sockets.get(organizationId) ?? new Map<string, Set<string>>()
    this.#sockets.set(organizationId, users)
    const sockets = users.get(userId) ?? new Set<string>()
    users.set(userId, sockets)
    sockets.add(socketId)
    return sockets.size
  }

  async remove(organizationId: string, userId: string, socketId: string) {
    const users = this.#sockets.get(organizationId)
    const sockets = users?.get(userId)
    if (!users || !sockets) return 0
    sockets.delete(socketId)
    if (sockets.size) return sockets.size
    users.delete(userId)
    if (!users.size) this.#sockets.delete(organizationId)
    return 0
  }

  async count(organizationId: string, userId: string) {
    return this.#sockets.get(organizationId)?.get(userId)?.size ?? 0
  }

  async onlineUserIds(organizationId: string) {
    return [...(this.#sockets.get(organizationId)?.keys() ?? [])]
  }

  async clear() {
    this.#sockets.clear()
  }
}

/**
 * Presence per organization across devices: a user comes online with their
 * first socket in the organization and goes offline a grace period after
 * their last one closes, so a reconnect or a page reload does not flap.
 * Changes go out as `presence:online` / `presence:offline` events (the
 * fan-out listener broadcasts them) and `users.last_seen_at` is stored.
 */
export class PresenceService {
  #pendingOffline = new Map<string, NodeJS.Timeout>()

  constructor(
    protected store: PresenceStore,
    protected options: { offlineGraceMs: number }
  ) {}

  /** Replaces the store and timings (the gateway applies config/socket.ts at attach). */
  configure(options: { offlineGraceMs: number }, store?: PresenceStore) {
    this.options = options
    if (store) this.store = store
  }

  /** A socket of the user entered the organization. */
  async connect(organizationId: string, userId: string, socketId: string) {
    const count = await this.store.add(organizationId, userId, socketId)
    const key = `${organizationId}:${userId}`
    const pending = this.#pendingOffline.get(key)
    if (pending) {
      clearTimeout(pending)
      this.#pendingOffline.delete(key)
      return
    }
    if (count === 1) await this.#announce('presence:online', organizationId, userId)
  }

  /** A socket of the user left the organization (disconnect or switch). */
  async disconnect(organizationId: string, userId: string, socketId: string) {
    const count = await this.store.remove(organizationId, userId, socketId)
    const key = `${organizationId}:${userId}`
    if (count > 0 || this.#pendingOffline.has(key)) return
    const timer = setTimeout(() => {
      this.#pendingOffline.delete(key)
      this.#expire(organizationId, userId).catch((error) => logger.error({ err: error }))
    }, this.options.offlineGraceMs)
    timer.unref()
    this.#pendingOffline.set(key, timer)
  }

  /** Whether a user has a live socket in the organization (or is within the grace period). */
  async isOnline(organizationId: string, userId: string) {
    const key = `${organizationId}:${userId}`
    return this.#pendingOffline.has(key) || (await this.store.count(organizationId, userId)) > 0
  }

  /** Users online in an organization. */
  onlineUserIds(organizationId: string) {
    return this.store.onlineUserIds(organizationId)
  }

  /** Drops every pending timer and socket without announcing anything (shutdown). */
  async clear() {
    for (const timer of this.#pendingOffline.values()) clearTimeout(timer)
    this.#pendingOffline.clear()
    await this.store.clear()
  }

  async #expire(organizationId: string, userId: string) {
    if ((await this.store.count(organizationId, userId)) > 0) return
    await this.#announce('presence:offline', organizationId, userId)
  }

  async #announce(
    event: 'presence:online' | 'presence:offline',
    organizationId: string,
    userId: string
  ) {
    const lastSeenAt = new Date()
    await db.from('users').where('id', userId).update({ last_seen_at: lastSeenAt })
    emitter.emit(event, { organizationId, userId, lastSeenAt: lastSeenAt.toISOString() })
  }
}

/** The node's presence service; the gateway configures it from config/socket.ts. */
const presence = new PresenceService(new MemoryPresenceStore(), { offlineGraceMs: 10_000 })
export default presence
