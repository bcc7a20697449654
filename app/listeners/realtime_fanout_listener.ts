import type { EventsList } from '@adonisjs/core/types'
import type { Emitter } from '@adonisjs/core/events'
import logger from '@adonisjs/core/services/logger'
import RoomMember from '#models/room_member'
import type { RoomObject } from '#transformers/room_transformer'
import type { ParleyServer } from '#realtime/gateway'
import type { SharedRoom, SocketData } from '#realtime/socket_events'
import { chatRoom, orgRoom, roomChannel, userChannel, userRoom } from '#realtime/channels'
import { sseBroadcast } from '#realtime/sse'
import sseRelay from '#realtime/sse_relay'
import { joinedRoomCount } from '#realtime/handlers/org_handlers'
import { settings } from '#realtime/settings'

type Fanout = {
  [Event in keyof EventsList]?: (io: ParleyServer, payload: EventsList[Event]) => unknown
}

/** The room fields every member shares (the event carries the actor's own view). */
function shared(room: RoomObject): SharedRoom {
  const copy: Partial<RoomObject> = { ...room }
  delete copy.role
  delete copy.lastReadSeq
  delete copy.muted
  delete copy.unreadCount
  return copy as SharedRoom
}

/**
 * Sockets of one user, on any node, that match a condition. When the other
 * nodes cannot be asked (Redis down), this node's sockets are still found:
 * a revocation must never be skipped here because Redis is away.
 */
async function socketsOf(io: ParleyServer, userId: string, match: (data: SocketData) => boolean) {
  const sockets = await io
    .in(userRoom(userId))
    .fetchSockets()
    .catch((error) => {
      logger.warn({ err: error }, 'other nodes unreachable; revoking on this node only')
      return io.local.in(userRoom(userId)).fetchSockets()
    })
  return sockets.filter((socket) => match(socket.data))
}

/**
 * Puts the sockets of new room members that are in the room's organization
 * into the room, then reads the membership again: a removal that committed
 * meanwhile is applied here, since its own fan-out could not see them yet.
 */
async function joinMembers(
  io: ParleyServer,
  organizationId: string,
  roomId: string,
  ids: string[]
) {
  const limit = settings().limits.maxJoinedRooms
  for (const userId of ids) {
    const sockets = await socketsOf(io, userId, (data) => data.organizationId === organizationId)
    for (const socket of sockets) {
      if (joinedRoomCount(socket.rooms) < limit) socket.join(chatRoom(roomId))
    }
  }
  const rows = await RoomMember.query().where('room_id', roomId).whereIn('user_id', ids)
  const still = new Set(rows.map((row) => row.userId))
  for (const userId of ids) {
    if (!still.has(userId)) io.in(userRoom(userId)).socketsLeave(chatRoom(roomId))
  }
}

/**
 * Domain event → Socket.IO broadcast, one small handler per event (STYLE.md
 * 11). Payloads are transformer output carried by the events. Revocations
 * take sockets out of rooms before anything else is sent to those rooms.
 */
export const fanout: Fanout = {
  'message:created': (io, event) => {
    io.to(chatRoom(event.roomId)).emit('new_message', event.message)
    if (!event.mentionedUserIds.length) return
    io.to(event.mentionedUserIds.map(userRoom)).emit('mentioned', {
      organizationId: event.organizationId,
      roomId: event.roomId,
      message: event.message,
    })
  },
  'message:edited': (io, event) => {
    io.to(chatRoom(event.roomId)).emit('message_edited', event.message)
  },
  'message:deleted': (io, { roomId, messageId, seq }) => {
    io.to(chatRoom(roomId)).emit('message_deleted', { messageId, roomId, seq })
  },
  'message:read': (io, { roomId, userId, seq }) => {
    io.to(chatRoom(roomId)).emit('message_read', { roomId, userId, seq })
  },
  'media:added': (io, { roomId, messageId, media }) => {
    io.to(chatRoom(roomId)).emit('media_added', { roomId, messageId, media })
  },
  'room:created': async (io, { organizationId, room, memberIds }) => {
    await joinMembers(io, organizationId, room.id, memberIds)
    const payload = { organizationId, roomId: room.id, userIds: memberIds, room: shared(room) }
    io.to([chatRoom(room.id), ...memberIds.map(userRoom)]).emit('room_member_added', payload)
  },
  'room:updated': (io, { organizationId, room }) => {
    io.to(chatRoom(room.id)).emit('room_updated', {
      organizationId,
      roomId: room.id,
      room: shared(room),
    })
  },
  'room:member_added': async (io, { organizationId, roomId, userIds, room }) => {
    await joinMembers(io, organizationId, roomId, userIds)
    const payload = { organizationId, roomId, userIds, room: shared(room) }
    io.to([chatRoom(roomId), ...userIds.map(userRoom)]).emit('room_member_added', payload)
  },
  'room:member_removed': (io, { organizationId, roomId, userId }) => {
    io.in(userRoom(userId)).socketsLeave(chatRoom(roomId))
    const payload = { organizationId, roomId, userId }
    io.to([chatRoom(roomId), userRoom(userId)]).emit('room_member_removed', payload)
  },
  'org:member_removed': async (io, { organizationId, userId }) => {
    const sockets = await socketsOf(io, userId, (data) => data.organizationId === organizationId)
    for (const socket of sockets) socket.disconnect(true)
  },
  'auth:token_revoked': async (io, { userId, tokenId }) => {
    const sockets = await socketsOf(io, userId, (data) => data.tokenId === tokenId)
    for (const socket of sockets) socket.disconnect(true)
  },
  'typing:started': (io, { roomId, userId }) => {
    io.to(chatRoom(roomId)).except(userRoom(userId)).emit('user_typing', { roomId, userId })
  },
  'typing:stopped': (io, { roomId, userId }) => {
    io.to(chatRoom(roomId)).except(userRoom(userId)).emit('user_stopped_typing', { roomId, userId })
  },
  'room:rekey_required': (io, { organizationId, roomId, staleVersion, reason, memberIds }) => {
    if (!memberIds.length) return
    const payload = { organizationId, roomId, staleVersion, reason }
    io.to(memberIds.map(userRoom)).emit('room_rekey_required', payload)
  },
  'user:key_changed': (io, { userId, deviceId, action, seq, hash, contactIds }) => {
    if (!contactIds.length) return
    io.to(contactIds.map(userRoom)).emit('key_changed', { userId, deviceId, action, seq, hash })
  },
  'notification:created': (io, { userId, notification }) => {
    io.to(userRoom(userId)).emit('notification', notification)
  },
  'presence:online': (io, event) => {
    io.to(orgRoom(event.organizationId)).emit('user_online', event)
  },
  'presence:offline': (io, event) => {
    io.to(orgRoom(event.organizationId)).emit('user_offline', event)
  },
}

type SseFanout = {
  [Event in keyof EventsList]?: (payload: EventsList[Event]) => unknown
}

/**
 * Domain event → Transmit (SSE), the same events and payloads as the
 * sockets: room events on `orgs/<orgId>/rooms/<roomId>`, personal ones on
 * `users/<userId>`. Revocations go first, on every node (sseRelay).
 */
export const sseFanout: SseFanout = {
  'message:created': ({ organizationId, roomId, message, mentionedUserIds }) => {
    sseBroadcast(roomChannel(organizationId, roomId), 'new_message', message)
    for (const userId of mentionedUserIds) {
      sseBroadcast(userChannel(userId), 'mentioned', { organizationId, roomId, message })
    }
  },
  'message:edited': ({ organizationId, roomId, message }) => {
    sseBroadcast(roomChannel(organizationId, roomId), 'message_edited', message)
  },
  'message:deleted': ({ organizationId, roomId, messageId, seq }) => {
    sseBroadcast(roomChannel(organizationId, roomId), 'message_deleted', { messageId, roomId, seq })
  },
  'message:read': ({ organizationId, roomId, userId, seq }) => {
    sseBroadcast(roomChannel(organizationId, roomId), 'message_read', { roomId, userId, seq })
  },
  'room:created': ({ organizationId, room, memberIds }) => {
    const payload = { organizationId, roomId: room.id, userIds: memberIds, room: shared(room) }
    for (const userId of memberIds) sseBroadcast(userChannel(userId), 'room_member_added', payload)
  },
  'room:member_added': ({ organizationId, roomId, userIds, room }) => {
    const payload = { organizationId, roomId, userIds, room: shared(room) }
    sseBroadcast(roomChannel(organizationId, roomId), 'room_member_added', payload)
    for (const userId of userIds) sseBroadcast(userChannel(userId), 'room_member_added', payload)
  },
  'room:member_removed': async ({ organizationId, roomId, userId }) => {
    const channel = roomChannel(organizationId, roomId)
    await sseRelay.revoke({ kind: 'channel', userId, channel })
    const payload = { organizationId, roomId, userId }
    sseBroadcast(channel, 'room_member_removed', payload)
    sseBroadcast(userChannel(userId), 'room_member_removed', payload)
  },
  'org:member_removed': ({ organizationId, userId }) =>
    sseRelay.revoke({ kind: 'organization', userId, organizationId }),
  'auth:token_revoked': ({ userId, tokenId }) =>
    sseRelay.revoke({ kind: 'token', userId, tokenId }),
  'typing:started': ({ organizationId, roomId, userId }) => {
    sseBroadcast(roomChannel(organizationId, roomId), 'user_typing', { roomId, userId })
  },
  'typing:stopped': ({ organizationId, roomId, userId }) => {
    sseBroadcast(roomChannel(organizationId, roomId), 'user_stopped_typing', { roomId, userId })
  },
  'notification:created': ({ userId, notification }) => {
    sseBroadcast(userChannel(userId), 'notification', notification)
  },
  'room:updated': ({ organizationId, room }) => {
    const payload = { organizationId, roomId: room.id, room: shared(room) }
    sseBroadcast(roomChannel(organizationId, room.id), 'room_updated', payload)
  },
  'media:added': ({ organizationId, roomId, messageId, media }) => {
    sseBroadcast(roomChannel(organizationId, roomId), 'media_added', { roomId, messageId, media })
  },
}

function listen(
  emitter: Emitter<EventsList>,
  event: keyof EventsList,
  run: (payload: unknown) => unknown
) {
  emitter.on(event, async (payload: unknown) => {
    try {
      await run(payload)
    } catch (error) {
      logger.error({ err: error, event }, 'realtime fan-out failed')
    }
  })
}

/**
 * Subscribes the fan-out handlers to the emitter. `server` returns the io
 * server while the gateway is attached; socket events without one (console,
 * tests before attach) are dropped, SSE ones always go out. A failing
 * handler is logged, never thrown back into the action that emitted the event.
 */
export function registerRealtimeFanout(
  emitter: Emitter<EventsList>,
  server: () => ParleyServer | undefined
) {
  for (const event of Object.keys(fanout) as (keyof EventsList)[]) {
    const handler = fanout[event] as (io: ParleyServer, payload: unknown) => unknown
    listen(emitter, event, (payload) => {
      const io = server()
      return io && handler(io, payload)
    })
  }
  for (const event of Object.keys(sseFanout) as (keyof EventsList)[]) {
    listen(emitter, event, sseFanout[event] as (payload: unknown) => unknown)
  }
}
