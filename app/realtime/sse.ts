import transmit from '@adonisjs/transmit/services/main'
import type { Broadcastable } from '@boringnode/transmit/types'
import Membership from '#models/membership'
import RoomMember from '#models/room_member'
import { isUuid } from '#services/org_context'
import { roomChannel } from '#realtime/channels'

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
 * Which user (and access token) owns which SSE client id (`uid`) on this
 * node. The first authenticated request with a uid claims it; another user
 * presenting the same uid is refused, so a leaked uid cannot be used to read
 * someone's stream.
 */
class SseSessions {
  #owners = new Map<string, { userId: string; tokenId?: string }>()
  #byUser = new Map<string, Set<string>>()

  /** Claims a uid for a user; false when another user holds it. */
  claim(uid: string, userId: string, tokenId?: string): boolean {
    const owner = this.#owners.get(uid)
    if (owner) return owner.userId === userId
    this.#owners.set(uid, { userId, tokenId })
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
    this.#byUser.get(owner.userId)?.delete(uid)
  }

  /** The uids a user holds on this node, optionally only those claimed with one token. */
  uidsOf(userId: string, tokenId?: string): string[] {
    const uids = [...(this.#byUser.get(userId) ?? [])]
    if (tokenId === undefined) return uids
    return uids.filter((uid) => this.#owners.get(uid)?.tokenId === tokenId)
  }
}

export const sseSessions = new SseSessions()

/** Sends one Parley event on an SSE channel: `{ event, data }`, the socket event's name and payload. */
export function sseBroadcast(channel: string, event: string, data: unknown) {
  transmit.broadcast(channel, { event, data } as unknown as Broadcastable)
}

/**
 * What an SSE revocation takes away from a user's streams: one room
 * channel (room removal), every channel of an organization (removal from
 * it), or the streams opened with one access token (logout).
 */
export type SseRevocation =
  | { kind: 'channel'; userId: string; channel: string }
  | { kind: 'organization'; userId: string; organizationId: string }
  | { kind: 'token'; userId: string; tokenId: string }

/** Applies a revocation to the streams on this node (the relay applies it on the others). */
export async function revokeSseLocally(revocation: SseRevocation) {
  const uids = new Set(
    sseSessions.uidsOf(
      revocation.userId,
      revocation.kind === 'token' ? revocation.tokenId : undefined
    )
  )
  if (!uids.size) return
  const revoked = (channel: string) =>
    revocation.kind === 'organization'
      ? channel.startsWith(roomChannel(revocation.organizationId, ''))
      : revocation.kind === 'channel' && channel === revocation.channel
  for (const [stream, channels] of transmit.getManager().getAllSubscribers()) {
    const uid = stream.getUid()
    if (!uids.has(uid)) continue
    if (revocation.kind === 'token') {
      stream.end()
      continue
    }
    for (const channel of [...channels]) {
      if (revoked(channel)) await transmit.unsubscribe({ uid, channel })
    }
  }
}
