import { io, type Socket } from 'socket.io-client'
import { session } from './api'
import { applyMessage, changed, state } from './store'
import type { Ack, Message, Notification, Room, SyncResult } from './types'
import { loadMedia, loadPresence, onIncoming, refreshNotificationCount, refreshRooms } from './chat'

/**
 * The Socket.IO side (DESIGN.md §6): one socket for the current
 * organization. socket.io-client reconnects by itself; after every
 * reconnection the client catches up through `sync` from its cursors, so a
 * dropped network loses nothing. The browser's offline event drops the
 * socket at once instead of waiting for the ping timeout.
 */
let socket: Socket | null = null
let everConnected = false

export function connectSocket() {
  disconnectSocket()
  everConnected = false
  state.connection = 'connecting'
  changed('connection')
  socket = io({
    auth: { token: session.token, organizationId: session.organizationId },
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  })
  bind(socket)
}

window.addEventListener('offline', () => {
  socket?.disconnect()
  state.connection = 'offline'
  changed('connection')
})
window.addEventListener('online', () => {
  if (socket && !socket.connected) socket.connect()
})

export function disconnectSocket() {
  socket?.removeAllListeners()
  socket?.disconnect()
  socket = null
}

/** Emits an event and resolves with its ack's data (rejects with the ack's error). */
export function emit<T = any>(event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    if (!socket?.connected) return reject(new Error('Not connected'))
    socket.timeout(10_000).emit(event, payload, (timeout: Error | null, answer: Ack<T>) => {
      if (timeout) return reject(timeout)
      if (answer.ok) resolve(answer.data)
      else reject(Object.assign(new Error(answer.error.message), { code: answer.error.code }))
    })
  })
}

/** Fire-and-forget events (typing), only while connected. */
export function notify(event: string, payload: unknown) {
  if (socket?.connected) socket.emit(event, payload)
}

/** Moves the socket to another organization (`switch_organization`) and keeps it for reconnects. */
export async function switchSocketOrganization(organizationId: string) {
  if (socket) (socket.auth as Record<string, unknown>).organizationId = organizationId
  await emit('switch_organization', { organizationId })
}

function bind(s: Socket) {
  s.on('connected', () => {
    state.connection = 'online'
    changed('connection')
    if (everConnected) void catchUp()
    everConnected = true
  })
  s.on('disconnect', () => {
    state.connection = 'offline'
    changed('connection')
  })
  s.on('connect_error', (error) => {
    state.connection = 'offline'
    changed('connection')
    if (error.message === 'E_UNAUTHORIZED') s.disconnect()
  })
  s.on('new_message', (message: Message) => onIncoming(message, true))
  s.on('message_edited', (message: Message) => onIncoming(message, false))
  s.on('media_added', (event: { messageId: string }) => void loadMedia(event.messageId))
  s.on('room_updated', (event: { roomId: string; room: Partial<Room> }) => {
    const entry = state.rooms.get(event.roomId)
    if (!entry) return
    Object.assign(entry.room, event.room)
    changed('room', event.roomId)
    changed('rooms')
  })
  s.on('message_deleted', (event: { messageId: string; roomId: string }) => {
    const entry = state.rooms.get(event.roomId)
    const known = entry?.messages.get(event.messageId)
    if (known) known.content = null
    if (known) known.deletedAt = new Date().toISOString()
    state.media.delete(event.messageId)
    changed('room', event.roomId)
    changed('rooms')
  })
  s.on('message_read', (event: { roomId: string; userId: string; seq: number }) => {
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
  })
  s.on('user_typing', (event: { roomId: string; userId: string }) => setTyping(event, true))
  s.on('user_stopped_typing', (event: { roomId: string; userId: string }) =>
    setTyping(event, false)
  )
  s.on('user_online', (event: { userId: string }) => setPresence(event.userId, true))
  s.on('user_offline', (event: { userId: string }) => setPresence(event.userId, false))
  s.on('room_member_added', () => void refreshRooms())
  s.on('room_member_removed', (event: { roomId: string; userId: string }) => {
    if (event.userId === state.me?.id) {
      state.rooms.delete(event.roomId)
      if (state.currentRoomId === event.roomId) state.currentRoomId = null
      changed('rooms')
      changed('room')
    } else void refreshRooms()
  })
  s.on('mentioned', () => void refreshNotificationCount())
  s.on('notification', (_n: Notification) => void refreshNotificationCount())
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
 * `sync` for every loaded room from its cursor, repeated while a room says
 * `hasMore`.
 */
export async function catchUp() {
  await Promise.all([refreshRooms(), loadPresence()])
  let cursors = loadedCursors()
  while (Object.keys(cursors).length) {
    const result = await emit<SyncResult>('sync', { rooms: cursors })
    const again: Record<string, number> = {}
    for (const [roomId, answer] of Object.entries(result.rooms)) {
      if (!answer.ok) continue
      for (const message of answer.data.messages) applyMessage(message)
      const entry = state.rooms.get(roomId)
      if (entry) entry.cursor = Math.max(entry.cursor, answer.data.cursor)
      if (answer.data.hasMore) again[roomId] = answer.data.cursor
      changed('room', roomId)
    }
    cursors = again
  }
  changed('rooms')
  void refreshNotificationCount()
}

function loadedCursors() {
  const cursors: Record<string, number> = {}
  for (const [id, entry] of state.rooms) if (entry.loaded) cursors[id] = entry.cursor
  return cursors
}
