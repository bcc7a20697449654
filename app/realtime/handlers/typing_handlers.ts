import logger from '@adonisjs/core/services/logger'
import typingState from '#realtime/typing_state'
import { chatRoom } from '#realtime/channels'
import type { ParleySocket, SocketHandlers } from '#realtime/ack'
import { roomRefValidator } from '#validators/realtime'
import { roomNotFound } from '#queries/room_gate'

/**
 * Resolves the room of a typing event. Typing is frequent, so instead of a
 * query it checks that the socket is in the room's broadcast room: the
 * server put it there only after a membership check and takes it out on
 * removal, so this is the same answer without the database.
 */
async function typingRoom(socket: ParleySocket, payload: unknown) {
  const { roomId } = await roomRefValidator.validate(payload)
  if (!socket.rooms.has(chatRoom(roomId))) throw roomNotFound()
  return roomId
}

function who(socket: ParleySocket, roomId: string) {
  return { organizationId: socket.data.organizationId, roomId, userId: socket.data.userId }
}

/**
 * typing_start / typing_stop: the typing state (throttled per socket,
 * expiring on its own) announces `user_typing` / `user_stopped_typing` to
 * the room's other members through the fan-out listener.
 */
export const typingHandlers: SocketHandlers = {
  async typing_start(socket, payload) {
    const roomId = await typingRoom(socket, payload)
    await typingState.start(socket.id, who(socket, roomId))
    return { roomId }
  },
  async typing_stop(socket, payload) {
    const roomId = await typingRoom(socket, payload)
    await typingState.stop(socket.id, roomId)
    return { roomId }
  },
}

/** A closing socket stops typing everywhere at once. */
export function typingDisconnected(socket: ParleySocket) {
  typingState
    .stopAll(socket.id)
    .catch((error) => logger.warn({ err: error }, 'typing stop on disconnect failed'))
}
