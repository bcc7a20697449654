import transmit from '@adonisjs/transmit/services/main'
import type { Broadcastable } from '@boringnode/transmit/types'
import { isOrgMember, isRoomMember } from '#queries/channel_access'
import { isUuid } from '#services/org_context'
import type { SessionsRevoked } from '#events/auth_events'

/** A parsed SSE channel name: the three kinds Parley serves. */
export type SseChannel =
  | { kind: 'user'; userId: string }
  | { kind: 'org'; organizationId: string }
  | { kind: 'room'; organizationId: string; roomId: string }

const USER_CHANNEL = /^users\/([^/]+)$/
const ORG_CHANNEL = /^orgs\/([^/]+)$/
const ROOM_CHANNEL = /^orgs\/([^/]+)\/rooms\/([^/]+)$/

/** Parses `users/<id>`, `orgs/<orgId>` or `orgs/<orgId>/rooms/<roomId>`; anything else is null. */
export function parseSseChannel(channel: unknown): SseChannel | null {
  if (typeof channel !== 'string') return null
  const user = USER_CHANNEL.exec(channel)
  if (user && isUuid(user[1])) return { kind: 'user', userId: user[1] }
  const org = ORG_CHANNEL.exec(channel)
  if (org && isUuid(org[1])) return { kind: 'org', organizationId: org[1] }
  const room = ROOM_CHANNEL.exec(channel)
  if (room && isUuid(room[1]) && isUuid(room[2])) {
    return { kind: 'room', organizationId: room[1], roomId: room[2] }
  }
  return null
}

/**
 * The same scoped lookup as REST: a user channel is only its owner's; an
 * organization channel needs membership of it; a room channel membership of
 * the organization and of the room in it.
 */
export async function canAccessChannel(userId: string, channel: unknown): Promise<boolean> {
  const parsed = parseSseChannel(channel)
  if (!parsed) return false
  if (parsed.kind === 'user') return parsed.userId === userId
  if (!(await isOrgMember(userId, parsed.organizationId))) return false
  if (parsed.kind === 'org') return true
  return isRoomMember(userId, parsed.organizationId, parsed.roomId)
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

  /** The uids a user holds on this node, optionally only those claimed with some tokens. */
  uidsOf(userId: string, tokenIds?: string[]): string[] {
    const uids = [...(this.#byUser.get(userId) ?? [])]
    if (tokenIds === undefined) return uids
    return uids.filter((uid) => tokenIds.includes(this.#owners.get(uid)?.tokenId ?? ''))
  }

  /** Who holds a uid on this node (the session watch re-checks it). */
  ownerOf(uid: string): { userId: string; tokenId?: string } | undefined {
    return this.#owners.get(uid)
  }
}

export const sseSessions = new SseSessions()

/** Sends one Parley event on an SSE channel: `{ event, data }`, the socket event's name and payload. */
export function sseBroadcast(channel: string, event: string, data: unknown) {
  transmit.broadcast(channel, { event, data } as unknown as Broadcastable)
}

/**
 * What a revocation takes away from live sessions: the sessions of some
 * access tokens, a user's sessions in one organization (both from
 * `auth:sessions_revoked`), or one room channel (removal from the room;
 * sockets leave the room through the adapter).
 */
export type Revocation = SessionsRevoked | { kind: 'channel'; userId: string; channel: string }

/** Whether a revocation takes a channel from a user's remaining streams. */
function takesChannel(revocation: Revocation, channel: string) {
  if (revocation.kind === 'channel') return channel === revocation.channel
  if (revocation.kind !== 'organization') return false
  const parsed = parseSseChannel(channel)
  return parsed?.kind !== 'user' && parsed?.organizationId === revocation.organizationId
}

/** Applies a revocation to the SSE streams on this node (the relay applies it on the others). */
export async function revokeSseLocally(revocation: Revocation) {
  const tokenIds = revocation.kind === 'tokens' ? revocation.tokenIds : undefined
  const uids = new Set(sseSessions.uidsOf(revocation.userId, tokenIds))
  if (!uids.size) return
  for (const [stream, channels] of transmit.getManager().getAllSubscribers()) {
    const uid = stream.getUid()
    if (!uids.has(uid)) continue
    if (revocation.kind === 'tokens') {
      stream.end()
      continue
    }
    for (const channel of [...channels]) {
      if (takesChannel(revocation, channel)) await transmit.unsubscribe({ uid, channel })
    }
  }
}

/** SSE streams open on this node (metrics). */
export function sseStreamCount(): number {
  return transmit.getManager().getAllSubscribers().size
}

/**
 * Ends every SSE stream of this node (a draining node): clients reconnect
 * through the load balancer to another node and re-fetch with `after=`.
 */
export function endSseStreams() {
  for (const stream of transmit.getManager().getAllSubscribers().keys()) stream.end()
}
