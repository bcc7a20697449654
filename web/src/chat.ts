import { get, post, put, request, session, upload } from './api'
import { emit, notify } from './realtime'
import { applyMessage, changed, rememberUsers, state, upsertRoom, type RoomState } from './store'
import type { Invite, Media, Member, Message, Notification, Organization, Room } from './types'

/*
 * What a person does in the client, each through the public API: sockets for
 * chat events while connected (REST when not), REST for everything else.
 */

/** Attachments travel as a message whose text starts with this, then an upload to it. */
export const ATTACHMENT_PREFIX = '📎 '

export function isAttachment(message: Message) {
  return !!message.content?.startsWith(ATTACHMENT_PREFIX)
}

/** A v4 UUID, also outside secure contexts (plain http on a LAN address). */
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export async function loadOrganizations() {
  state.orgs = await get<Organization[]>('/organizations')
  return state.orgs
}

export async function createOrganization(name: string) {
  const org = await post<Organization>('/organizations', { name })
  state.orgs.push(org)
  return org
}

export async function loadMembers() {
  const members = await get<Member[]>(`/organizations/${state.org!.id}/members?perPage=100`)
  state.members = members
  rememberUsers(members.map((m) => m.user))
  changed('presence')
}

/** The room list again: new rooms, unread counts, rooms left or removed. */
export async function refreshRooms() {
  const { data, meta } = await request<Room[]>('GET', '/chat/rooms')
  const ids = new Set(data.map((room) => room.id))
  for (const room of data) upsertRoom(room)
  for (const id of [...state.rooms.keys()]) if (!ids.has(id)) state.rooms.delete(id)
  state.roomsCursor = meta?.cursor ?? 0
  changed('rooms')
}

/** Opens a room: its latest page on first open, then marks it read. */
export async function openRoom(roomId: string) {
  state.currentRoomId = roomId
  const entry = state.rooms.get(roomId)
  changed('room', roomId)
  changed('rooms')
  if (!entry) return
  if (!entry.loaded) await loadLatest(entry)
  markRead(roomId)
}

async function loadLatest(entry: RoomState) {
  const { data, meta } = await request<Message[]>(
    'GET',
    `/chat/rooms/${entry.room.id}/messages?limit=50`
  )
  for (const message of data) entry.messages.set(message.id, message)
  entry.loaded = true
  entry.cursor = Math.max(entry.cursor, meta.syncCursor)
  entry.olderCursor = meta.hasMore ? meta.cursor : null
  for (const message of data) if (isAttachment(message)) void loadMedia(message.id)
  changed('room', entry.room.id)
}

/** The page before the oldest loaded message. */
export async function loadOlder(roomId: string) {
  const entry = state.rooms.get(roomId)
  if (!entry || entry.olderCursor === null) return
  const { data, meta } = await request<Message[]>(
    'GET',
    `/chat/rooms/${roomId}/messages?limit=50&before=${entry.olderCursor}`
  )
  for (const message of data) entry.messages.set(message.id, message)
  entry.olderCursor = meta.hasMore ? meta.cursor : null
  for (const message of data) if (isAttachment(message)) void loadMedia(message.id)
  changed('room', roomId)
}

function viewing(roomId: string) {
  return state.currentRoomId === roomId && document.visibilityState === 'visible'
}

/** A message from the socket or sync: applied, counted unread unless on screen. */
export function onIncoming(message: Message, created: boolean) {
  const entry = state.rooms.get(message.roomId)
  if (!entry) {
    void refreshRooms()
    return
  }
  const isNew = applyMessage(message)
  if (created && message.senderId !== state.me?.id) {
    clearTimeout(entry.typing.get(message.senderId))
    if (entry.typing.delete(message.senderId)) changed('typing', message.roomId)
    if (isNew && !viewing(message.roomId))
      entry.room.unreadCount = (entry.room.unreadCount ?? 0) + 1
  }
  changed('room', message.roomId)
  changed('rooms')
  if (created && viewing(message.roomId)) markRead(message.roomId)
}

/** Moves the read pointer to the room's last message (`mark_as_read`). */
export function markRead(roomId: string) {
  const entry = state.rooms.get(roomId)
  if (!entry) return
  const seq = entry.room.lastSeq
  entry.room.unreadCount = 0
  changed('rooms')
  if (seq <= (entry.room.lastReadSeq ?? 0)) return
  entry.room.lastReadSeq = seq
  emit('mark_as_read', { roomId, seq }).catch(() =>
    post(`/chat/rooms/${roomId}/read`, { seq }).catch(() => {})
  )
}

/** Sends over the socket when connected, else REST; the same clientMessageId makes a retry safe. */
export async function sendMessage(roomId: string, content: string, replyToId?: string | null) {
  const payload = { roomId, content, clientMessageId: uuid(), ...(replyToId ? { replyToId } : {}) }
  const message = await emit<Message>('send_message', payload).catch((error) =>
    error.code ? Promise.reject(error) : post<Message>('/chat/messages', payload)
  )
  applyMessage(message)
  changed('room', roomId)
  changed('rooms')
  return message
}

export async function editMessage(messageId: string, content: string) {
  const message = await emit<Message>('edit_message', { messageId, content }).catch((error) =>
    error.code ? Promise.reject(error) : put<Message>(`/chat/messages/${messageId}`, { content })
  )
  applyMessage(message)
  changed('room', message.roomId)
}

export async function deleteMessage(message: Message) {
  await emit('delete_message', { messageId: message.id }).catch((error) =>
    error.code ? Promise.reject(error) : request('DELETE', `/chat/messages/${message.id}`)
  )
  message.content = null
  message.deletedAt = new Date().toISOString()
  changed('room', message.roomId)
}

/** A file: its message first, then the upload to it; image thumbnails come back with it. */
export async function sendFile(roomId: string, file: File) {
  const message = await sendMessage(roomId, `${ATTACHMENT_PREFIX}${file.name}`)
  const media = await upload<Media>(`/media/upload/${message.id}`, file)
  state.media.set(message.id, [media])
  changed('room', roomId)
}

/**
 * The files of an attachment message (live ones arrive with `media_added`).
 * A history page may show a message whose upload is still running, so an
 * empty answer is asked again, with backoff.
 */
export async function loadMedia(messageId: string, attempt = 0): Promise<void> {
  const media = await get<Media[]>(`/media/message/${messageId}`).catch(() => null)
  if (media && media.length) {
    state.media.set(messageId, media)
    const roomId = [...state.rooms.values()].find((r) => r.messages.has(messageId))?.room.id
    changed('room', roomId)
    return
  }
  if (media && attempt < 8) {
    await new Promise((resolve) => setTimeout(resolve, 300 * 2 ** attempt))
    return loadMedia(messageId, attempt + 1)
  }
}

/** A fresh signed URL for a file (they expire after minutes). */
export async function freshMediaUrl(mediaId: string) {
  const media = await get<Media>(`/media/${mediaId}`)
  return media.url
}

let typingSince = 0
let typingTimer: ReturnType<typeof setTimeout> | undefined

/** Called on every keystroke: typing_start at most every 3 s, typing_stop 2.5 s after the last. */
export function typed(roomId: string) {
  const now = Date.now()
  if (now - typingSince > 3000) {
    typingSince = now
    notify('typing_start', { roomId })
  }
  clearTimeout(typingTimer)
  typingTimer = setTimeout(() => stopTyping(roomId), 2500)
}

export function stopTyping(roomId: string) {
  clearTimeout(typingTimer)
  if (!typingSince) return
  typingSince = 0
  notify('typing_stop', { roomId })
}

export async function openDirect(userId: string) {
  const room = upsertRoom(await post<Room>('/chat/rooms/direct', { userId }))
  changed('rooms')
  await openRoom(room.room.id)
}

export async function createGroup(name: string, memberIds: string[]) {
  const room = upsertRoom(await post<Room>('/chat/rooms/group', { name, memberIds }))
  changed('rooms')
  await openRoom(room.room.id)
}

export function createInvite(email: string, role: string) {
  return post<Invite>(`/organizations/${state.org!.id}/invite`, { email, role })
}

export async function refreshNotificationCount() {
  const { count } = await get<{ count: number }>('/notifications/unread-count')
  state.unreadNotifications = count
  changed('notifications')
}

export function listNotifications() {
  return get<Notification[]>('/notifications?perPage=30')
}

export async function readNotification(id: string) {
  await put(`/notifications/${id}/read`)
  await refreshNotificationCount()
}

export async function readAllNotifications() {
  await put('/notifications/read-all')
  await refreshNotificationCount()
}

export { session }

/** Who is online now; `user_online` / `user_offline` keep it current afterwards. */
export async function loadPresence() {
  const { online } = await get<{ online: string[] }>(`/organizations/${state.org!.id}/presence`)
  state.online = new Set(online)
  changed('presence')
}
