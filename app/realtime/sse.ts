import transmit from '@adonisjs/transmit/services/main'
import type { Broadcastable } from '@boringnode/transmit/types'
import Membership from '#models/membership'
import RoomMember from '#models/room_member'
import { isUuid } from '#services/org_context'

/** A parsed SSE channel name: the two kinds Parley serves. */
export type SseChannel =
  { kind: 'user'; userId: string } | { kind: 'room'; organizationId: string; roomId: string }

const USER_CHANNEL = /^users\/([^/]+)$/
const ROOM_CHANNEL = /^orgs\/([^/]+)\/rooms\/([^/]+)$/

/** Parses `users/<id>` or `orgs/<orgId>/rooms/<roomId>`; anything else is null. */
export function parseSseChannel(channel: unknown): SseChannel | null {
  if (typeof channel !== 'string') return null
  const user = USER_CHANNEL.exec(channel)
  if (user && isUuid(user[1])) return { kind: 'user', userId: user[1] }
  const room = ROOM_CHANNEL.exec(channel)
  if (room && isUuid(room[1]) && isUuid(room[2])) {
    return { kind: 'room', organizationId: room[1], roomId: room[2] }
  }
  return null
}

/**
 * The same scoped lookup as REST: a user channel is only its owner's; a room
 * channel needs membership of the organization and of the room in it.
 */
export async function canAccessChannel(userId: string, channel: unknown): Promise<boolean> {
  const parsed = parseSseChannel(channel)
  if (!parsed) return false
  if (parsed.kind === 'user') return parsed.userId === userId
  const orgMember = await Membership.query()
    .withScopes((s) => s.forOrg(parsed.organizationId))
    .where('user_id', userId)
    .first()
  if (!orgMember) return false
  const roomMember = await RoomMember.query()
    .withScopes((s) => s.forOrg(parsed.organizationId))
    .where('room_id', parsed.roomId)
    .where('user_id', userId)
    .first()
  return Boolean(roomMember)
}

/**
 * Which user owns which SSE client id (`uid`) on this node. The first
 * authenticated request with a uid claims it; another user presenting the
 * same uid is refused, so a leaked uid cannot be used to read someone's stream.
 */
class SseSessions {
  #owners = new Map<string, string>()
  #byUser = new Map<string, Set<string>>()

  /** Claims a uid for a user; false when another user holds it. */
  claim(uid: string, userId: string): boolean {
    const owner = this.#owners.get(uid)
    if (owner) return owner === userId
    this.#owners.set(uid, userId)
    const uids = this.#byUser.get(userId) ?? new Set<string>()
    uids.add(uid)
    this.#byUser.set(userId, uids)
    return true
  }

  /** Forgets a uid (its stream closed). */
  release(uid: string) {
    const owner = this.#owners.get(uid)
    if (!owner) return
    this.#owners.delete(uid)
    this.#byUser.get(owner)?.delete(uid)
  }

  /** The uids a user holds on this node. */
  uidsOf(userId: string): string[] {
    return [...(this.#byUser.get(userId) ?? [])]
  }
}

export const sseSessions = new SseSessions()

/** Sends one Parley event on an SSE channel: `{ event, data }`, the socket event's name and payload. */
export function sseBroadcast(channel: string, event: string, data: unknown) {
  transmit.broadcast(channel, { event, data } as unknown as Broadcastable)
}

/** Takes a user's streams on this node off a channel at once (room removal). */
export async function sseUnsubscribe(userId: string, channel: string) {
  await Promise.all(sseSessions.uidsOf(userId).map((uid) => transmit.unsubscribe({ uid, channel })))
}

/** Closes every stream a user holds on this node (logout, removal from the org). */
export function sseDisconnectUser(userId: string) {
  const uids = new Set(sseSessions.uidsOf(userId))
  for (const stream of transmit.getManager().getAllSubscribers().keys()) {
    if (uids.has(stream.getUid())) stream.end()
  }
}
