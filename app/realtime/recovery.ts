import type { Namespace } from 'socket.io'
import RoomMember from '#models/room_member'
import { isUuid } from '#services/org_context'
import { checkSessions } from '#queries/live_sessions'
import { chatRoomId } from '#realtime/channels'
import type { SocketData } from '#realtime/socket_events'

/**
 * Whether a disconnected session may still be restored: its token not
 * revoked or expired, its user still in the organization and in every chat
 * room it was in. Socket.IO replays a restored session's missed packets
 * before any middleware runs, so this check is the only thing that keeps a
 * user who logged out or was removed while disconnected from receiving them.
 */
export async function mayRecover(data: Partial<SocketData> | undefined, rooms: string[]) {
  if (!data || !isUuid(data.userId) || !isUuid(data.organizationId) || !data.tokenId) return false
  const { userId, tokenId, organizationId } = data
  const verdict = await checkSessions([{ userId, tokenId, organizationIds: [organizationId] }])
  if (!verdict.tokenLive(tokenId, userId) || !verdict.isMember(userId, organizationId)) return false
  const roomIds = [...new Set(rooms.map(chatRoomId).filter((id): id is string => id !== null))]
  if (!roomIds.length) return true
  const members = await RoomMember.query()
    .withScopes((s) => s.forOrg(organizationId))
    .where('user_id', userId)
    .whereIn('room_id', roomIds.filter(isUuid))
    .count('* as total')
  return Number(members[0].$extras.total) === roomIds.length
}

/**
 * Makes connection state recovery revocation-safe: a session that
 * `mayRecover` refuses is not restored (Socket.IO treats a failed restore as
 * no session), so the client connects afresh
 * (through the handshake) and catches up with `sync`. Works on any adapter,
 * the in-memory one or a Redis one, as it wraps the instance's method.
 */
export function guardRecovery(adapter: Namespace['adapter']) {
  const restore = adapter.restoreSession.bind(adapter)
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset)
    if (session && !(await mayRecover(session.data as Partial<SocketData>, [...session.rooms]))) {
      throw new Error('This session can no longer be restored')
    }
    return session
  }
}
