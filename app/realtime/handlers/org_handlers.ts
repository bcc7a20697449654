import { memberRoomIds } from '#queries/socket_lookups'
import type { Actor } from '#types/actor'
import presence from '#services/presence_service'
import { actorFor } from '#services/org_context'
import typingState from '#realtime/typing_state'
import { settings } from '#realtime/settings'
import { handle, userOf, type ParleySocket } from '#realtime/ack'
import { chatRoom, chatRoomId, orgRoom } from '#realtime/channels'
import type { SocketContext } from '#realtime/socket_events'
import type { ParleyServer } from '#realtime/gateway'
import { switchOrganizationValidator } from '#validators/realtime'

/** How many chat rooms a socket is in (the join limit counts these). */
export function joinedRoomCount(rooms: Set<string>) {
  let count = 0
  for (const name of rooms) if (chatRoomId(name)) count += 1
  return count
}

/**
 * Puts a socket exactly in the organization's room and the chat rooms its
 * user belongs to there (up to the join limit), leaving any other org or
 * chat room (a restored session, the previous organization). Memberships are
 * read again after joining: a removal that committed in between, whose
 * fan-out could not see this socket in the room yet, is applied here.
 */
export async function enterOrganization(
  socket: ParleySocket,
  actor: Actor
): Promise<SocketContext> {
  const organizationId = actor.organization.id
  const limit = settings().limits.maxJoinedRooms
  const roomIds = await memberRoomIds(actor, limit)
  const wanted = new Set([orgRoom(organizationId), ...roomIds.map(chatRoom)])
  for (const name of socket.rooms) {
    if ((name.startsWith('org:') || chatRoomId(name)) && !wanted.has(name)) socket.leave(name)
  }
  socket.data.organizationId = organizationId
  socket.join([...wanted])
  const still = new Set(await memberRoomIds(actor, limit))
  const rooms = roomIds.filter((id) => still.has(id))
  for (const id of roomIds) if (!still.has(id)) socket.leave(chatRoom(id))
  return { userId: actor.user.id, organizationId, rooms }
}

/**
 * `switch_organization`: the socket leaves its organization's rooms and
 * enters another organization of its user (404 if not a member), moving its
 * presence along. The socket's token stays the same.
 */
export function registerOrgHandlers(_io: ParleyServer, socket: ParleySocket) {
  socket.on(
    'switch_organization',
    handle(socket, 'switch_organization', async (payload) => {
      const { organizationId } = await switchOrganizationValidator.validate(payload)
      const actor = await actorFor(userOf(socket), organizationId)
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
    })
  )
}
