import type { ClientEventName, ClientEvents, ParleyError, ServerEventName } from '@parley/client'
import { parley } from './api'
import { applyMessage, changed, state, subscribe } from './store'
import {
  forgetDeleted,
  loadMedia,
  loadMembers,
  loadPresence,
  markRead,
  onIncoming,
  refreshNotificationCount,
  refreshRooms,
} from './chat'
import { resumeOutbox } from './outbox'

/*
 * The real-time side (DESIGN.md §6), on @parley/client: one socket for the
 * current organization. The SDK reconnects by itself and, on every
 * reconnection, catches up each room this tab has loaded through `sync`
 * from its cursor (the room's change counter), handing each missed change
 * over once; this file applies them and refreshes the rest (room list,
 * presence, members). The browser's offline event drops the socket at once
 * instead of waiting for the ping timeout.
 */
let connected = false
let everConnected = false
let unbind: (() => void)[] = []

export function connectSocket() {
  disconnectSocket()
  everConnected = false
  state.connection = 'connecting'
  changed('connection')
  bind()
  parley.connect().catch((error: ParleyError) => {
    if (error.code === 'E_UNAUTHORIZED') parley.disconnect()
  })
}

window.addEventListener('offline', () => {
  parley.socket?.disconnect()
  state.connection = 'offline'
  changed('connection')
})
window.addEventListener('online', () => {
  const socket = parley.socket
  if (socket && !socket.connected) socket.connect()
})

export function disconnectSocket() {
  for (const off of unbind) off()
  unbind = []
  connected = false
  parley.disconnect()
}

/**
 * Emits an event and resolves with its ack's data (rejects with the ack's
 * error and its code). Without a connection or an answer it rejects with a
 * code-less error, so callers fall back to REST.
 */
export function emit<T = any>(event: ClientEventName, payload: unknown): Promise<T> {
  return parley
    .emit(event, payload as ClientEvents[typeof event]['payload'])
    .then((data) => data as T)
    .catch((error: ParleyError) => {
      if (['E_NOT_CONNECTED', 'E_TIMEOUT'].includes(error.code)) throw new Error(error.message)
      throw error
    })
}

/** Fire-and-forget events (typing), only while connected. */
export function notify(event: string, payload: unknown) {
  if (event === 'typing_start' || event === 'typing_stop') {
    parley.notify(event, payload as { roomId: string })
  }
}

/** Moves the socket to another organization (`switch_organization`) and keeps it for reconnects. */
export async function switchSocketOrganization(organizationId: string) {
  parley.setOrganization(organizationId)
  await emit('switch_organization', { organizationId })
}

/** The SDK syncs the rooms this tab has loaded, from their cursors. */
function trackLoadedRooms() {
  for (const [id, entry] of state.rooms) if (entry.loaded) parley.track(id, entry.cursor)
}

function bind() {
  const on = parley.on.bind(parley)
  unbind.push(
    subscribe('room', trackLoadedRooms),
    parley.onStatus((status) => {
      if (status === 'online') {
        state.connection = 'online'
        changed('connection')
        const again = everConnected
        everConnected = true
        connected = true
        if (again) void catchUp()
        resumeOutbox()
      } else if (status === 'offline' || status === 'connecting') {
        connected = false
        state.connection = status
        changed('connection')
      }
    }),
    parley.onMessage((message, { source }) => {
      if (source !== 'sync') return
      const entry = state.rooms.get(message.roomId)
      if (!entry?.loaded && !entry?.loading) return
      applyMessage(message)
      changed('room', message.roomId)
    }),
    on('new_message', (message) => onIncoming(message, true)),
    on('message_edited', (message) => onIncoming(message, false)),
    on('media_added', (event) => void loadMedia(event.messageId)),
    on('room_updated', (event) => {
      const entry = state.rooms.get(event.roomId)
      if (!entry) return
      Object.assign(entry.room, event.room)
      changed('room', event.roomId)
      changed('rooms')
    }),
    on('message_deleted', (event) => forgetDeleted(event.roomId, event.messageId)),
    on('message_read', (event) => {
      const entry = state.rooms.get(event.roomId)
      if (!entry) return
      if (event.userId === state.me?.id) {
        entry.room.lastReadSeq = Math.max(entry.room.lastReadSeq ?? 0, event.seq)
        entry.room.unreadCount = 0
        changed('rooms')
        return
      }
      entry.readBy.set(event.userId, Math.max(entry.readBy.get(event.userId) ?? 0, event.seq))
      changed('room', event.roomId)
    }),
    on('user_typing', (event) => setTyping(event, true)),
    on('user_stopped_typing', (event) => setTyping(event, false)),
    on('user_online', (event) => setPresence(event.userId, true)),
    on('user_offline', (event) => setPresence(event.userId, false)),
    on('room_member_added', () => void refreshRooms()),
    on('room_member_removed', (event) => {
      if (event.userId === state.me?.id) {
        parley.cursors.forget(event.roomId)
        state.rooms.delete(event.roomId)
        if (state.currentRoomId === event.roomId) state.currentRoomId = null
        changed('rooms')
        changed('room')
      } else void refreshRooms()
    }),
    on('org_member_added', () => void loadMembers()),
    on('org_member_removed', () => void loadMembers()),
    on('org_member_role_changed', () => void loadMembers()),
    on('mentioned', () => void refreshNotificationCount()),
    on('notification', () => void refreshNotificationCount())
  )
}

/** Typing state of one member; forgotten after 8 s without news (a lost stop). */
export function setTyping(event: { roomId: string; userId: string }, typing: boolean) {
  const entry = state.rooms.get(event.roomId)
  if (!entry) return
  clearTimeout(entry.typing.get(event.userId))
  entry.typing.delete(event.userId)
  if (typing) {
    const timer = setTimeout(() => setTyping(event, false), 8000)
    entry.typing.set(event.userId, timer)
  }
  changed('typing', event.roomId)
}

function setPresence(userId: string, online: boolean) {
  if (online) state.online.add(userId)
  else state.online.delete(userId)
  changed('presence')
}

/**
 * After a reconnection: the room list again (unread counts, new rooms), then
 * the SDK's `sync` of every loaded room (it already ran one at the
 * reconnection; this one waits for it and picks up what changed meanwhile),
 * then the open room marked read (nothing is replayed live: the server keeps
 * Socket.IO's connection state recovery off).
 */
export async function catchUp() {
  await Promise.all([refreshRooms(), loadPresence(), loadMembers()])
  trackLoadedRooms()
  if (connected) await parley.sync().catch(() => {})
  changed('rooms')
  // What sync brought into the open room has been seen: move the read pointer.
  const open = state.currentRoomId
  if (open && document.visibilityState === 'visible') markRead(open)
  void refreshNotificationCount()
}

/** Handlers that modules outside this one add (`onSocketEvent`), one per event; the SDK keeps them across reconnections. */
const extraHandlers = new Map<string, () => void>()

/** Listens to a server event on the current and every later connection (one handler per event). */
export function onSocketEvent<T>(event: ServerEventName, handler: (payload: T) => void) {
  extraHandlers.get(event)?.()
  extraHandlers.set(event, parley.on(event, handler as never))
}
