import { messageSeqInRoom } from '#queries/socket_lookups'
import type { Actor } from '#types/actor'
import { AppException } from '#exceptions/app_exception'
import ListRooms from '#queries/list_rooms'
import MarkRoomRead from '#actions/rooms/mark_room_read'
import ListMessages from '#queries/message_pages'
import { findRoomForMember } from '#queries/room_gate'
import { serializer } from '#transformers/serializer'
import MessageRecordTransformer from '#transformers/message_record_transformer'
import RoomTransformer from '#transformers/room_transformer'
import typingState from '#realtime/typing_state'
import { settings } from '#realtime/settings'
import { chatRoom } from '#realtime/channels'
import { actorOf, toAckError, type ParleySocket, type SocketHandlers } from '#realtime/ack'
import { joinedRoomCount } from '#realtime/handlers/org_handlers'
import type { SyncRoomResult } from '#realtime/socket_events'
import { markReadValidator } from '#validators/chat'
import { messageRefValidator, roomRefValidator, syncValidator } from '#validators/realtime'

/** Messages per room in one `sync` answer; `hasMore` asks the client to sync again from `cursor`. */
const SYNC_PAGE = 100

function tooManyRooms() {
  return new AppException('This connection is in too many rooms', {
    status: 429,
    code: 'E_TOO_MANY_ROOMS',
  })
}

/** `join_room`: a member (re)joins a room's broadcasts; anyone else gets 404. */
async function joinRoom(socket: ParleySocket, payload: unknown) {
  const { roomId } = await roomRefValidator.validate(payload)
  const actor = await actorOf(socket)
  await findRoomForMember(actor, roomId)
  const name = chatRoom(roomId)
  if (!socket.rooms.has(name)) {
    if (joinedRoomCount(socket.rooms) >= settings().limits.maxJoinedRooms) throw tooManyRooms()
    socket.join(name)
    try {
      await findRoomForMember(actor, roomId)
    } catch (error) {
      socket.leave(name)
      throw error
    }
  }
  socket.emit('joined_room', { roomId })
  return { roomId }
}

/** `leave_room`: stops a room's broadcasts on this socket (membership is unchanged). */
async function leaveRoom(socket: ParleySocket, payload: unknown) {
  const { roomId } = await roomRefValidator.validate(payload)
  await findRoomForMember(await actorOf(socket), roomId)
  await typingState.stop(socket.id, roomId)
  socket.leave(chatRoom(roomId))
  socket.emit('left_room', { roomId })
  return { roomId }
}

/** The seq a `mark_as_read` means: given, or that of a message of the room. */
async function readSeq(actor: Actor, roomId: string, payload: unknown) {
  if (!payload || typeof payload !== 'object' || !('messageId' in payload)) {
    const { seq } = await markReadValidator.validate(payload)
    return seq
  }
  const { messageId } = await messageRefValidator.validate(payload)
  const { room } = await findRoomForMember(actor, roomId)
  return messageSeqInRoom(actor, room.id, messageId)
}

/** `mark_as_read`: the same monotonic read pointer as `POST /chat/rooms/:roomId/read`. */
async function markAsRead(socket: ParleySocket, payload: unknown) {
  const { roomId } = await roomRefValidator.validate(payload)
  const actor = await actorOf(socket)
  const seq = await readSeq(actor, roomId, payload)
  return MarkRoomRead.handle(actor, roomId, { seq })
}

/** One room of a `sync`: its changes after the cursor, as `?after=` returns them. */
async function syncRoom(actor: Actor, roomId: string, after: number): Promise<SyncRoomResult> {
  try {
    const { messages, meta } = await ListMessages.handle(actor, roomId, { after, limit: SYNC_PAGE })
    const data = await serializer.serializeWithoutWrapping(
      MessageRecordTransformer.transform(messages)
    )
    return { ok: true, data: { messages: data, hasMore: meta.hasMore, cursor: meta.syncCursor } }
  } catch (error) {
    return { ok: false, error: toAckError(error) }
  }
}

/**
 * `sync`: per room, every change after the client's cursor (a foreign or
 * unknown room id gets its own E_NOT_FOUND entry, never data); with
 * `roomsAfter`, also the room-list changes of `GET /chat/rooms?after=`.
 */
async function sync(socket: ParleySocket, payload: unknown) {
  const input = await syncValidator.validate(payload)
  const actor = await actorOf(socket)
  const rooms: Record<string, SyncRoomResult> = {}
  for (const [roomId, after] of Object.entries(input.rooms)) {
    rooms[roomId] = await syncRoom(actor, roomId, after)
  }
  if (input.roomsAfter === undefined) return { rooms }
  const list = await ListRooms.handle(actor, { after: input.roomsAfter })
  const changed = await serializer.serializeWithoutWrapping(RoomTransformer.transform(list.rooms))
  return { rooms, roomList: { rooms: changed, removed: list.removed, cursor: list.cursor } }
}

/** Room events: join_room, leave_room, mark_as_read, sync. */
export const roomHandlers: SocketHandlers = {
  join_room: joinRoom,
  leave_room: leaveRoom,
  mark_as_read: markAsRead,
  sync,
}
