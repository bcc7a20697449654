import type { EventsList } from '@adonisjs/core/types'
import type { Emitter } from '@adonisjs/core/events'
import logger from '@adonisjs/core/services/logger'
import type MediaAsset from '#models/media_asset'
import type Notification from '#models/notification'
import type { RoomView } from '#types/room_view'
import type { Invalidation } from '#services/access_cache'
import { serializer } from '#transformers/serializer'
import { messagePayload } from '#transformers/message_payload'
import RoomTransformer, { type RoomObject } from '#transformers/room_transformer'
import MediaTransformer from '#transformers/media_transformer'
import NotificationTransformer from '#transformers/notification_transformer'
import type { ParleyServer } from '#realtime/gateway'
import type { FanoutEvent, ServerToClientEvents, SharedRoom } from '#realtime/socket_events'
import {
  chatRoom,
  memberRoom,
  orgChannel,
  orgRoom,
  roomChannel,
  userChannel,
  userRoom,
} from '#realtime/channels'
import { sseBroadcast } from '#realtime/sse'
import revocationRelay from '#realtime/revocation_relay'
import { joinedRoomCount } from '#realtime/handlers/org_handlers'
import { settings } from '#realtime/settings'
import { membersAmong } from '#queries/room_members'
import metrics from '#services/metrics'
import { accessInvalidations } from '#listeners/access_invalidations'

/**
 * Who receives a client event: a chat room's members, one user, one user in
 * one organization (`member`), or one organization's members. Each target is
 * a Socket.IO room and the matching Transmit channel (app/realtime/channels.ts).
 * A `member` target reaches only the user's sockets whose current
 * organization is that one; on SSE it is the user's channel, because an SSE
 * stream has no current organization (one stream carries channels of several
 * organizations), and the payload names the organization.
 */
type Target =
  | { kind: 'room'; organizationId: string; roomId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'member'; userId: string; organizationId: string }
  | { kind: 'org'; organizationId: string }

const room = (organizationId: string, roomId: string): Target => ({
  kind: 'room',
  organizationId,
  roomId,
})
const user = (userId: string): Target => ({ kind: 'user', userId })
const member = (organizationId: string, userId: string): Target => ({
  kind: 'member',
  userId,
  organizationId,
})
const org = (organizationId: string): Target => ({ kind: 'org', organizationId })

function socketRoom(target: Target) {
  if (target.kind === 'room') return chatRoom(target.roomId)
  if (target.kind === 'member') return memberRoom(target.userId, target.organizationId)
  return target.kind === 'user' ? userRoom(target.userId) : orgRoom(target.organizationId)
}

function sseChannel(target: Target) {
  if (target.kind === 'room') return roomChannel(target.organizationId, target.roomId)
  if (target.kind === 'member') return userChannel(target.userId)
  return target.kind === 'user' ? userChannel(target.userId) : orgChannel(target.organizationId)
}

/** One client event, shaped once, for its targets on both transports. */
type Delivery = {
  [Event in FanoutEvent]: {
    event: Event
    payload: Parameters<ServerToClientEvents[Event]>[0]
    to: Target[]
    /** Sockets of this user are skipped (typing); SSE streams cannot tell, the payload names them. */
    exceptUserId?: string
  }
}[FanoutEvent]

function send<Event extends FanoutEvent>(
  event: Event,
  payload: Parameters<ServerToClientEvents[Event]>[0],
  to: Target[],
  exceptUserId?: string
) {
  return { event, payload, to, exceptUserId } as Delivery
}

/** One domain event's route: what must happen first, then the client events it becomes. */
interface Route<Payload> {
  /** Room joins and leaves, revocations: done before any delivery of this event. */
  before?: (payload: Payload, io: ParleyServer | undefined) => unknown
  deliver?: (payload: Payload) => Delivery[] | Promise<Delivery[]>
}

type FanoutTable = { [Event in keyof EventsList]?: Route<EventsList[Event]> }

/**
 * A message as clients see it: shaped once, for every target, transport and
 * the sender's ack. A broadcast has no single reader, so no reaction is
 * marked as the reader's own (`me: false`); `reaction_added` names who reacted.
 */
const shapeMessage = messagePayload

/**
 * A room as every member sees it: the event carries the acting member's own
 * view, shaped here once, then stripped of that member's own fields.
 */
async function shapeSharedRoom(view: RoomView): Promise<SharedRoom> {
  const copy: Partial<RoomObject> = await serializer.serializeWithoutWrapping(
    RoomTransformer.transform(view)
  )
  delete copy.role
  delete copy.lastReadSeq
  delete copy.muted
  delete copy.unreadCount
  return copy as SharedRoom
}

/** A file as the room sees it: never with a signed URL, even when the model has one. */
function shapeMedia(asset: MediaAsset) {
  return serializer.serializeWithoutWrapping(
    MediaTransformer.transform(asset).useVariant('forRoom')
  )
}

/** A notification as its recipient sees it. */
function shapeNotification(notification: Notification) {
  return serializer.serializeWithoutWrapping(NotificationTransformer.transform(notification))
}

/**
 * Puts the sockets of new room members that are in the room's organization
 * into the room, then reads the membership again: a removal that committed
 * meanwhile is applied here, since its own fan-out could not see them yet.
 */
async function joinMembers(
  io: ParleyServer | undefined,
  organizationId: string,
  roomId: string,
  ids: string[]
) {
  if (!io) return
  const limit = settings().limits.maxJoinedRooms
  for (const userId of ids) {
    const sockets = await io
      .in(userRoom(userId))
      .fetchSockets()
      .catch((error) => {
        logger.warn({ err: error }, 'other nodes unreachable; joining on this node only')
        return io.local.in(userRoom(userId)).fetchSockets()
      })
    for (const socket of sockets) {
      if (socket.data.organizationId !== organizationId) continue
      if (joinedRoomCount(socket.rooms) < limit) socket.join(chatRoom(roomId))
    }
  }
  const still = await membersAmong(roomId, ids)
  for (const userId of ids) {
    if (!still.has(userId)) io.in(userRoom(userId)).socketsLeave(chatRoom(roomId))
  }
}

/**
 * The one fan-out table (DESIGN.md §2, STYLE.md 11): domain event → the
 * client events it becomes, each with its targets and its payload shaped
 * once (events carry ids and models; their transformers run here only). Every delivery goes to
 * the Socket.IO rooms and to the Transmit channels of its targets, so the
 * two transports cannot drift. Revocations and room leaves run before
 * anything else is delivered.
 */
export const fanoutTable: FanoutTable = {
  'message:created': {
    deliver: async ({ organizationId, roomId, message: model, mentionedUserIds }) => {
      const message = await shapeMessage(model)
      return [
        send('new_message', message, [room(organizationId, roomId)]),
        send('mentioned', { organizationId, roomId, message }, mentionedUserIds.map(user)),
      ]
    },
  },
  'message:edited': {
    deliver: async ({ organizationId, roomId, message }) => [
      send('message_edited', await shapeMessage(message), [room(organizationId, roomId)]),
    ],
  },
  'message:deleted': {
    deliver: ({ organizationId, roomId, messageId, seq }) => [
      send('message_deleted', { messageId, roomId, seq }, [room(organizationId, roomId)]),
    ],
  },
  'message:read': {
    deliver: ({ organizationId, roomId, userId, seq }) => [
      send('message_read', { roomId, userId, seq }, [room(organizationId, roomId)]),
    ],
  },
  'media:added': {
    deliver: async ({ organizationId, roomId, messageId, media }) => [
      send('media_added', { roomId, messageId, media: await shapeMedia(media) }, [
        room(organizationId, roomId),
      ]),
    ],
  },
  'reaction:added': {
    deliver: ({ organizationId, roomId, messageId, userId, emoji, count, versionSeq }) => [
      send('reaction_added', { roomId, messageId, userId, emoji, count, versionSeq }, [
        room(organizationId, roomId),
      ]),
    ],
  },
  'reaction:removed': {
    deliver: ({ organizationId, roomId, messageId, userId, emoji, count, versionSeq }) => [
      send('reaction_removed', { roomId, messageId, userId, emoji, count, versionSeq }, [
        room(organizationId, roomId),
      ]),
    ],
  },
  'message:pinned': {
    deliver: async ({ organizationId, roomId, message }) => [
      send('message_pinned', { roomId, message: await shapeMessage(message) }, [
        room(organizationId, roomId),
      ]),
    ],
  },
  'message:unpinned': {
    deliver: ({ organizationId, roomId, messageId, versionSeq }) => [
      send('message_unpinned', { roomId, messageId, versionSeq }, [room(organizationId, roomId)]),
    ],
  },
  'thread:updated': {
    deliver: async ({ organizationId, roomId, root, replyId }) => {
      const shaped = await shapeMessage(root)
      const payload = { roomId, rootId: root.id, replyId, versionSeq: shaped.versionSeq }
      return [
        send('thread_updated', { ...payload, thread: shaped.thread }, [
          room(organizationId, roomId),
        ]),
      ]
    },
  },
  'command:responded': {
    deliver: ({ organizationId, roomId, userId, command, text }) => [
      send('command_response', { organizationId, roomId, command, text }, [
        member(organizationId, userId),
      ]),
    ],
  },
  'message:preview_added': {
    deliver: ({ organizationId, roomId, messageId, versionSeq, preview }) => [
      send('link_preview', { roomId, messageId, versionSeq, preview }, [
        room(organizationId, roomId),
      ]),
    ],
  },
  'room:created': {
    before: ({ organizationId, room: view, memberIds }, io) =>
      joinMembers(io, organizationId, view.room.id, memberIds),
    deliver: async ({ organizationId, room: view, memberIds }) => [
      send(
        'room_member_added',
        {
          organizationId,
          roomId: view.room.id,
          userIds: memberIds,
          room: await shapeSharedRoom(view),
        },
        [room(organizationId, view.room.id), ...memberIds.map(user)]
      ),
    ],
  },
  'room:updated': {
    deliver: async ({ organizationId, room: view }) => [
      send(
        'room_updated',
        { organizationId, roomId: view.room.id, room: await shapeSharedRoom(view) },
        [room(organizationId, view.room.id)]
      ),
    ],
  },
  'room:member_added': {
    before: ({ organizationId, roomId, userIds }, io) =>
      joinMembers(io, organizationId, roomId, userIds),
    deliver: async ({ organizationId, roomId, userIds, room: view }) => [
      send(
        'room_member_added',
        { organizationId, roomId, userIds, room: await shapeSharedRoom(view) },
        [room(organizationId, roomId), ...userIds.map(user)]
      ),
    ],
  },
  'room:member_removed': {
    before: async ({ organizationId, roomId, userId }, io) => {
      io?.in(userRoom(userId)).socketsLeave(chatRoom(roomId))
      const channel = roomChannel(organizationId, roomId)
      await revocationRelay.revoke({ kind: 'channel', userId, channel })
    },
    deliver: ({ organizationId, roomId, userId }) => [
      send('room_member_removed', { organizationId, roomId, userId }, [
        room(organizationId, roomId),
        user(userId),
      ]),
    ],
  },
  'auth:sessions_revoked': {
    before: (revocation) => revocationRelay.revoke(revocation),
  },
  'typing:started': {
    deliver: ({ organizationId, roomId, userId }) => [
      send('user_typing', { roomId, userId }, [room(organizationId, roomId)], userId),
    ],
  },
  'typing:stopped': {
    deliver: ({ organizationId, roomId, userId }) => [
      send('user_stopped_typing', { roomId, userId }, [room(organizationId, roomId)], userId),
    ],
  },
  'room:rekey_required': {
    deliver: ({ organizationId, roomId, staleVersion, reason, memberIds }) => [
      send(
        'room_rekey_required',
        { organizationId, roomId, staleVersion, reason },
        memberIds.map(user)
      ),
    ],
  },
  'user:key_changed': {
    deliver: ({ userId, deviceId, action, seq, hash, contactIds }) => [
      send('key_changed', { userId, deviceId, action, seq, hash }, contactIds.map(user)),
    ],
  },
  'notification:created': {
    deliver: async ({ userId, notification }) => [
      send('notification', await shapeNotification(notification), [user(userId)]),
    ],
  },
  'org:member_added': {
    deliver: ({ organizationId, userId, role }) => [
      send('org_member_added', { organizationId, userId, role }, [org(organizationId)]),
    ],
  },
  'org:member_removed': {
    deliver: ({ organizationId, userId }) => [
      send('org_member_removed', { organizationId, userId }, [org(organizationId)]),
    ],
  },
  'org:member_role_changed': {
    deliver: ({ organizationId, userId, role }) => [
      send('org_member_role_changed', { organizationId, userId, role }, [org(organizationId)]),
    ],
  },
  'presence:online': {
    deliver: ({ organizationId, userId, lastSeenAt }) => [
      send('user_online', { organizationId, userId, lastSeenAt }, [org(organizationId)]),
    ],
  },
  'presence:offline': {
    deliver: ({ organizationId, userId, lastSeenAt }) => [
      send('user_offline', { organizationId, userId, lastSeenAt }, [org(organizationId)]),
    ],
  },
}

/** Sends one delivery to its Socket.IO rooms (when the gateway is attached) and Transmit channels. */
function deliver(io: ParleyServer | undefined, delivery: Delivery) {
  if (!delivery.to.length) return
  if (io) {
    const rooms = io.to(delivery.to.map(socketRoom))
    const audience = delivery.exceptUserId ? rooms.except(userRoom(delivery.exceptUserId)) : rooms
    audience.emit(delivery.event, delivery.payload as never)
    if (metrics.enabled) {
      metrics.fanoutDeliveries.inc(
        { transport: 'socket', event: delivery.event },
        delivery.to.length
      )
    }
  }
  for (const target of delivery.to) {
    sseBroadcast(sseChannel(target), delivery.event, delivery.payload)
  }
  if (metrics.enabled) {
    metrics.fanoutDeliveries.inc({ transport: 'sse', event: delivery.event }, delivery.to.length)
  }
}

/** Fan-outs under way on this node (a draining node waits for them before its sockets go). */
const pending = new Set<Promise<void>>()

/** Resolves once every fan-out started so far has handed its deliveries to the transports. */
export async function fanoutSettled() {
  while (pending.size) await Promise.allSettled([...pending])
}

/**
 * Subscribes the fan-out table to the emitter; an event that makes the
 * nodes' access caches stale (app/listeners/access_invalidations.ts) drops
 * their entries first, on every node. `server` returns the io
 * server while the gateway is attached; without one (console, tests before
 * attach) only SSE deliveries go out. A failing route is logged, never
 * thrown back into the action that emitted the event.
 */
export function registerRealtimeFanout(
  emitter: Emitter<EventsList>,
  server: () => ParleyServer | undefined
) {
  const events = new Set([...Object.keys(fanoutTable), ...Object.keys(accessInvalidations)])
  for (const event of events as Set<keyof EventsList>) {
    const route = (fanoutTable[event] ?? {}) as Route<unknown>
    const stale = accessInvalidations[event] as ((payload: unknown) => Invalidation) | undefined
    emitter.on(event, (payload: unknown) => {
      const work = (async () => {
        try {
          if (stale) await revocationRelay.invalidate(stale(payload))
          await route.before?.(payload, server())
          const deliveries = (await route.deliver?.(payload)) ?? []
          const io = server()
          for (const delivery of deliveries) deliver(io, delivery)
        } catch (error) {
          logger.error({ err: error, event }, 'realtime fan-out failed')
        }
      })()
      pending.add(work)
      void work.finally(() => pending.delete(work))
      return work
    })
  }
}
