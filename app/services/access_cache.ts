import type Room from '#models/room'
import type User from '#models/user'
import type { Actor } from '#types/actor'

/*
 * What a send needs to know before it queues, kept per node so the common
 * case reads nothing (docs/scaling.md): the actor of a user in an
 * organization, and a room with the ids of its members (those still in its
 * organization). Neither is the authority: the group commit's admission
 * re-checks membership, account, session token and archive under the room
 * locks (app/domain/messages/message_batch.ts), so a stale entry can never
 * let a refused send through. Entries are dropped by the events that change
 * them, on every node (app/listeners/access_cache_listener.ts, relayed over
 * Redis by app/realtime/revocation_relay.ts), and in any case after the
 * session re-validation interval, the same bound as for sessions when an
 * event is lost.
 */

/** A room as a send sees it. */
export interface RoomEntry {
  room: Room
  /** Members of the room that are members of its organization. */
  memberIds: string[]
  members: Set<string>
}

/** What an event makes stale. */
export interface Invalidation {
  /** These rooms (their members or their state changed). */
  rooms?: string[]
  /** Every room of these organizations (who is in the organization changed). */
  roomsOf?: string[]
  /** Every actor in these organizations (the organization itself changed). */
  actorsOf?: string[]
  /** Every actor of these users (role, membership, account, sessions). */
  users?: string[]
  /** The outgoing webhooks of these organizations (one was created, changed or removed). */
  webhooksOf?: string[]
}

/** An enabled outgoing webhook as the delivery queueing sees it. */
export interface WebhookSubscription {
  id: string
  events: string[]
  /** Only events of these rooms (null: every room, and organization events). */
  roomIds: string[] | null
}

const LIMIT = 10_000

type Stamped<T> = { value: T; expires: number }

/** A bounded map whose entries expire; the oldest goes first when full. */
class Expiring<T> {
  #entries = new Map<string, Stamped<T>>()

  get(key: string): T | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expires > Date.now()) return entry.value
    this.#entries.delete(key)
    return undefined
  }

  set(key: string, value: T, ttlMs: number) {
    this.#entries.delete(key)
    this.#entries.set(key, { value, expires: Date.now() + ttlMs })
    if (this.#entries.size > LIMIT) this.#entries.delete(this.#entries.keys().next().value!)
  }

  deleteWhere(drop: (key: string, value: T) => boolean) {
    for (const [key, entry] of this.#entries) if (drop(key, entry.value)) this.#entries.delete(key)
  }

  clear() {
    this.#entries.clear()
  }
}

/**
 * The node's access cache. Every invalidation moves an epoch; a load that
 * started before one is used but not kept, so a read that raced a change
 * cannot put the old state back after the change dropped it.
 */
export class AccessCache {
  #actors = new Expiring<Actor>()
  #rooms = new Expiring<RoomEntry>()
  #webhooks = new Expiring<WebhookSubscription[]>()
  #epoch = 0
  #ttlMs = 60_000

  /** Sets how long an entry may live without an event (the session re-validation interval). */
  configure(options: { ttlMs: number }) {
    this.#ttlMs = options.ttlMs
  }

  /** The current epoch, taken before a load whose result `keepActor`/`keepRoom` may store. */
  get epoch() {
    return this.#epoch
  }

  actor(userId: string, organizationId: string): Actor | undefined {
    return this.#actors.get(`${userId}|${organizationId}`)
  }

  /** Keeps an actor loaded since `epoch` (dropped if anything was invalidated meanwhile). */
  keepActor(actor: Actor, epoch: number) {
    if (epoch !== this.#epoch) return
    this.#actors.set(`${actor.user.id}|${actor.organization.id}`, actor, this.#ttlMs)
  }

  room(roomId: string): RoomEntry | undefined {
    return this.#rooms.get(roomId)
  }

  /** Keeps a room loaded since `epoch` (dropped if anything was invalidated meanwhile). */
  keepRoom(entry: RoomEntry, epoch: number) {
    if (epoch !== this.#epoch) return
    this.#rooms.set(entry.room.id, entry, this.#ttlMs)
  }

  /** The enabled webhooks of an organization, if known. */
  webhooks(organizationId: string): WebhookSubscription[] | undefined {
    return this.#webhooks.get(organizationId)
  }

  /** Keeps an organization's webhooks loaded since `epoch` (dropped if anything was invalidated meanwhile). */
  keepWebhooks(organizationId: string, webhooks: WebhookSubscription[], epoch: number) {
    if (epoch !== this.#epoch) return
    this.#webhooks.set(organizationId, webhooks, this.#ttlMs)
  }

  /** Drops what an event made stale, on this node. */
  invalidate(scope: Invalidation) {
    this.#epoch += 1
    const rooms = new Set(scope.rooms ?? [])
    const roomsOf = new Set(scope.roomsOf ?? [])
    const actorsOf = new Set(scope.actorsOf ?? [])
    const users = new Set(scope.users ?? [])
    const webhooksOf = new Set(scope.webhooksOf ?? [])
    this.#webhooks.deleteWhere((organizationId) => webhooksOf.has(organizationId))
    this.#rooms.deleteWhere(
      (roomId, entry) => rooms.has(roomId) || roomsOf.has(entry.room.organizationId)
    )
    this.#actors.deleteWhere(
      (_, actor) => users.has(actor.user.id) || actorsOf.has(actor.organization.id)
    )
  }

  /** Drops everything (tests, shutdown). */
  clear() {
    this.#epoch += 1
    this.#actors.clear()
    this.#rooms.clear()
    this.#webhooks.clear()
  }
}

/** The node's access cache. */
const accessCache = new AccessCache()
export default accessCache

/** Loads or reuses the actor of `user` in an organization, with `load` on a miss. */
export async function cachedActor(
  user: User,
  organizationId: string,
  load: () => Promise<Actor>
): Promise<Actor> {
  const cached = accessCache.actor(user.id, organizationId)
  if (cached) return cached
  const epoch = accessCache.epoch
  const actor = await load()
  accessCache.keepActor(actor, epoch)
  return actor
}
