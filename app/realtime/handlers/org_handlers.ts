import { memberRoomIds } from '#queries/socket_lookups'
import type { Actor } from '#types/actor'
import presence from '#services/presence_service'
import { actorFor } from '#services/org_context'
import typingState from '#realtime/typing_state'
import { settings } from '#realtime/settings'
import { type ParleySocket, type SocketHandlers, userOf } from '#realtime/ack'
import { chatRoom, chatRoomId, isMemberRoom, memberRoom, orgRoom } from '#realtime/channels'
import type { SocketContext } from '#realtime/socket_events'
import { switchOrganizationValidator } from '#validators/realtime'

/** How many chat rooms a socket is in (the join limit counts these). */
export function joinedRoomCount(rooms: Set<string>) {
  let count = 0
  for (const name of rooms) if (chatRoomId(name)) count += 1
  return count
}

/**
 * Puts a socket exactly in the organization's room, its user's room in that
 * organization (`memberRoom`) and the chat rooms its user belongs to there
 * (up to the join limit), leaving any other org or chat room (a restored
 * session, the previous organization).
 *
 * The socket is marked as in the organization before the memberships are
 * read, so a room created meanwhile joins it through that room's fan-out
 * (joinMembers in the fan-out listener skips sockets of other
 * organizations); and the memberships are read again after joining, so a
 * room that committed between the two reads is joined here and a removal
 * whose fan-out could not see this socket in the room yet is applied here.
 */
export async function enterOrganization(
  socket: ParleySocket,
  actor: Actor
): Promise<SocketContext> {
  const organizationId = actor.organization.id
  const limit = settings().limits.maxJoinedRooms
  socket.data.organizationId = organizationId
  const roomIds = await memberRoomIds(actor, limit)
  const wanted = new Set([
    orgRoom(organizationId),
    memberRoom(actor.user.id, organizationId),
    ...roomIds.map(chatRoom),
  ])
  for (const name of socket.rooms) {
    const scoped = name.startsWith('org:') || isMemberRoom(name) || chatRoomId(name)
    if (scoped && !wanted.has(name)) socket.leave(name)
  }
  socket.join([...wanted])
  const rooms = await memberRoomIds(actor, limit)
  const still = new Set(rooms)
  for (const id of roomIds) if (!still.has(id)) socket.leave(chatRoom(id))
  for (const id of rooms) {
    if (!socket.rooms.has(chatRoom(id)) && joinedRoomCount(socket.rooms) < limit) {
      socket.join(chatRoom(id))
    }
  }
  return { userId: actor.user.id, organizationId, rooms }
}

/**
 * `switch_organization`: the socket leaves its organization's rooms and
 * enters another organization of its user (404 if not a member), moving its
 * presence along. The socket's token stays the same.
 */
export const orgHandlers: SocketHandlers = {
  async switch_organization(socket, payload) {
    const { organizationId } = await switchOrganizationValidator.validate(payload)
    const actor = await actorFor(userOf(socket), organizationId, 'socket')
    const previous = socket.data.organizationId
    const moved = previous !== organizationId
    if (moved) {
      await typingState.stopAll(socket.id)
      await presence.disconnect(previous, actor.user.id, socket.id)
    }
    const context = await enterOrganization(socket, actor)
    if (moved) await presence.connect(organizationId, actor.user.id, socket.id)
    socket.emit('organization_switched', context)
    return context
  },
}
