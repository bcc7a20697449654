import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'

/** What a pending offline announcement is keyed by, and how long its marker lives. */
export interface GraceMarker {
  token: string
  ttlMs: number
}

/**
 * Where live sockets are counted, per organization and user, together with
 * the marker of a grace period in progress (the user's last socket closed,
 * `user_offline` not sent yet). In memory on one node; RedisPresenceStore
 * shares both between nodes (DESIGN.md §6), so a user who drops on one node
 * and comes back on another within the grace period never flaps.
 */
export interface PresenceStore {
  /**
   * Records one socket of a user in an organization and cancels a pending
   * grace period, atomically; `resumed` tells whether one was pending.
   */
  add(
    organizationId: string,
    userId: string,
    socketId: string
  ): Promise<{ sockets: number; resumed: boolean }>
  /**
   * Forgets one socket; resolves to how many the user still has in the
   * organization. At zero, the grace marker is set in the same step.
   */
  remove(
    organizationId: string,
    userId: string,
    socketId: string,
    grace: GraceMarker
  ): Promise<number>
  /** Ends the grace period `token` opened: true when it is still current and no socket came back. */
  endGrace(organizationId: string, userId: string, token: string): Promise<boolean>
  /** Whether a grace period is in progress. */
  inGrace(organizationId: string, userId: string): Promise<boolean>
  /** How many sockets a user has in an organization. */
  count(organizationId: string, userId: string): Promise<number>
  /** Which of `userIds` have a socket in the organization or a grace period pending: one call. */
  onlineAmong(organizationId: string, userIds: string[]): Promise<Set<string>>
  /** Users with at least one socket in an organization. */
  onlineUserIds(organizationId: string): Promise<string[]>
  /** Forgets this node's sockets (the gateway closed). */
  clear(): Promise<void>
}

/** The one-node store: a map of socket ids per organization and user. */
export class MemoryPresenceStore implements PresenceStore {
  #sockets = new Map<string, Map<string, Set<string>>>()
  #grace = new Map<string, string>()

  async add(organizationId: string, userId: string, socketId: string) {
    const users = this.#sockets.get(organizationId) ?? new Map<string, Set<string>>()
    this.#sockets.set(organizationId, users)
    const sockets = users.get(userId) ?? new Set<string>()
    users.set(userId, sockets)
    sockets.add(socketId)
    const resumed = this.#grace.delete(`${organizationId}:${userId}`)
    return { sockets: sockets.size, resumed }
  }

  async remove(organizationId: string, userId: string, socketId: string, grace: GraceMarker) {
    const users = this.#sockets.get(organizationId)
    const sockets = users?.get(userId)
    sockets?.delete(socketId)
    if (sockets?.size) return sockets.size
    users?.delete(userId)
    if (users && !users.size) this.#sockets.delete(organizationId)
    this.#grace.set(`${organizationId}:${userId}`, grace.token)
    return 0
  }

  async endGrace(organizationId: string, userId: string, token: string) {
    const key = `${organizationId}:${userId}`
    if (this.#grace.get(key) !== token) return false
    this.#grace.delete(key)
    return (await this.count(organizationId, userId)) === 0
  }

  async inGrace(organizationId: string, userId: string) {
    return this.#grace.has(`${organizationId}:${userId}`)
  }

  async count(organizationId: string, userId: string) {
    return this.#sockets.get(organizationId)?.get(userId)?.size ?? 0
  }

  async onlineAmong(organizationId: string, userIds: string[]) {
    const users = this.#sockets.get(organizationId)
    return new Set(
      userIds.filter(
        (userId) => users?.get(userId)?.size || this.#grace.has(`${organizationId}:${userId}`)
      )
    )
  }

  async onlineUserIds(organizationId: string) {
    return [...(this.#sockets.get(organizationId)?.keys() ?? [])]
  }

  async clear() {
    this.#sockets.clear()
    this.#grace.clear()
  }
}

/**
 * Presence per organization across devices: a user comes online with their
 * first socket in the organization and goes offline a grace period after
 * their last one closes, so a reconnect or a page reload does not flap.
 * Changes go out as `presence:online` / `presence:offline` events (the
 * fan-out listener broadcasts them) and `users.last_seen_at` is stored.
 * The decisions are made by the store in one atomic step each, so they hold
 * across nodes; only the grace timer runs on the node where the last socket
 * closed.
 */
export class PresenceService {
  #timers = new Set<NodeJS.Timeout>()

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
    const { sockets, resumed } = await this.store.add(organizationId, userId, socketId)
    if (sockets === 1 && !resumed) await this.#announce('presence:online', organizationId, userId)
  }

  /** A socket of the user left the organization (disconnect or switch). */
  async disconnect(organizationId: string, userId: string, socketId: string) {
    const grace = this.options.offlineGraceMs
    const token = randomUUID()
    const left = await this.store.remove(organizationId, userId, socketId, {
      token,
      ttlMs: grace * 2 + 5_000,
    })
    if (left > 0) return
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      this.#expire(organizationId, userId, token).catch((error) =>
        logger.error({ err: error }, 'presence offline failed')
      )
    }, grace)
    timer.unref()
    this.#timers.add(timer)
  }

  /**
   * Whether a user has a live socket in the organization (or is within the
   * grace period). When the store cannot answer (Redis down), the user counts
   * as offline: a push too many beats a missed one.
   */
  async isOnline(organizationId: string, userId: string) {
    try {
      if ((await this.store.count(organizationId, userId)) > 0) return true
      return await this.store.inGrace(organizationId, userId)
    } catch (error) {
      logger.warn({ err: error }, 'presence unavailable; treating the user as offline')
      return false
    }
  }

  /**
   * Which of `userIds` are online (as isOnline), asked of the store in one
   * call whatever their number: a message's recipients cost one Redis round
   * trip, not one per member. When the store cannot answer, nobody is.
   */
  async onlineAmong(organizationId: string, userIds: string[]): Promise<Set<string>> {
    try {
      return await this.store.onlineAmong(organizationId, userIds)
    } catch (error) {
      logger.warn({ err: error }, 'presence unavailable; treating the users as offline')
      return new Set()
    }
  }

  /** Users online in an organization. */
  onlineUserIds(organizationId: string) {
    return this.store.onlineUserIds(organizationId)
  }

  /** Drops every pending timer and this node's sockets without announcing anything (shutdown). */
  async clear() {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    await this.store.clear()
  }

  async #expire(organizationId: string, userId: string, token: string) {
    if (!(await this.store.endGrace(organizationId, userId, token))) return
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
