import { ApiError, get, post, put, request, session, upload } from './api'
import { emit, notify } from './realtime'
import { notifyDesktop } from './alerts'
import {
  applyMessage,
  canModerate,
  changed,
  rememberUsers,
  state,
  upsertRoom,
  type RoomState,
} from './store'
import type {
  CommandResult,
  Invite,
  Media,
  Member,
  Message,
  Notification,
  Organization,
  Room,
} from './types'

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

/** Counts member list requests: as for rooms, a late older answer is dropped. */
let memberListRequests = 0

export async function loadMembers() {
  const asked = ++memberListRequests
  const members = await get<Member[]>(`/organizations/${state.org!.id}/members?perPage=100`)
  if (asked !== memberListRequests) return
  state.members = members
  rememberUsers(members.map((m) => m.user))
  const mine = members.find((m) => m.userId === state.me?.id)
  if (mine && state.org) state.org.role = mine.role
  changed('presence')
}

/** Counts room list requests: only the answer of the latest one is applied. */
let roomListRequests = 0

/**
 * The room list again: new rooms, unread counts, rooms left or removed.
 * Answers can land out of order (a slow first list after a newer one asked
 * for by `room_member_added`): an answer older than the latest request is
 * dropped, or it would remove rooms created since, with their messages.
 */
export async function refreshRooms() {
  const mine = ++roomListRequests
  const { data, meta } = await request<Room[]>('GET', '/chat/rooms')
  if (mine !== roomListRequests) return
  const ids = new Set(data.map((room) => room.id))
  for (const room of data) upsertRoom(room)
  for (const id of [...state.rooms.keys()]) if (!ids.has(id)) state.rooms.delete(id)
  state.roomsCursor = meta?.cursor ?? 0
  changed('rooms')
  if (state.currentRoomId) changed('room', state.currentRoomId)
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
  entry.loading = true
  const { data, meta } = await request<Message[]>(
    'GET',
    `/chat/rooms/${entry.room.id}/messages?limit=50`
  ).finally(() => (entry.loading = false))
  // Messages applied while the page was on its way are as new or newer.
  for (const message of data) {
    const known = entry.messages.get(message.id)
    if (!known || known.versionSeq < message.versionSeq) entry.messages.set(message.id, message)
  }
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
    // A sender deleted since (a bot, an account) leaves senderId null: nobody to stop typing.
    const sender = message.senderId
    if (sender !== null) {
      clearTimeout(entry.typing.get(sender))
      if (entry.typing.delete(sender)) changed('typing', message.roomId)
    }
    if (isNew && !viewing(message.roomId)) {
      entry.room.unreadCount = (entry.room.unreadCount ?? 0) + 1
      notifyDesktop(message)
    }
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

/**
 * Sends over the socket when connected, else REST. The caller's
 * clientMessageId makes a retry safe: the server answers a repeat with the
 * message it already stored.
 */
export async function sendMessage(
  roomId: string,
  content: string,
  replyToId: string | null = null,
  clientMessageId = uuid()
) {
  const payload = { roomId, content, clientMessageId, ...(replyToId ? { replyToId } : {}) }
  const message = await emit<Message>('send_message', payload).catch((error) =>
    error.code ? Promise.reject(error) : post<Message>('/chat/messages', payload)
  )
  applyMessage(message)
  changed('room', roomId)
  changed('rooms')
  return message
}

/** `/name args` as the composer reads it: a slash command, not a message. */
export function parseCommand(text: string) {
  const match = /^\/([a-z0-9][a-z0-9_-]{0,31})(?:\s+([\s\S]*))?$/i.exec(text.trim())
  return match ? { command: match[1].toLowerCase(), args: match[2] ?? '' } : null
}

/**
 * Runs a slash command (socket `run_command`, else `POST /chat/rooms/:roomId/commands`):
 * an in-channel answer is the bot's message, applied like any other; an
 * ephemeral one comes back for the caller only, and is not stored.
 */
export async function runCommand(roomId: string, command: string, args: string) {
  const payload = { roomId, command, args }
  const result = await emit<CommandResult>('run_command', payload).catch((error) =>
    error.code
      ? Promise.reject(error)
      : post<CommandResult>(`/chat/rooms/${roomId}/commands`, { command, args })
  )
  if (result.message) onIncoming(result.message, false)
  return result
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
  forgetDeleted(message.roomId, message.id)
}

/**
 * Applies a deletion. An attachment whose file never arrived leaves no
 * trace: it was only ever a placeholder for the upload.
 */
export function forgetDeleted(roomId: string, messageId: string) {
  const entry = state.rooms.get(roomId)
  const known = entry?.messages.get(messageId)
  if (entry && known && isAttachment(known) && !state.media.get(messageId)?.length) {
    entry.messages.delete(messageId)
  } else if (known) {
    known.content = null
    known.deletedAt = new Date().toISOString()
  }
  state.media.delete(messageId)
  const last = entry?.room.lastMessage
  if (last?.id === messageId) entry!.room.lastMessage = { ...last, content: null, deletedAt: '' }
  changed('room', roomId)
  changed('rooms')
}

/** Largest file Parley accepts (DESIGN.md §7). */
const MAX_FILE_BYTES = 100 * 1024 * 1024

/** What a refused or failed upload means, in words (never a raw MIME type). */
export function uploadProblem(name: string, error: unknown) {
  const status = error instanceof ApiError ? error.status : 0
  if (status === 415) {
    return `"${name}" was not sent: Parley does not accept this kind of file. You can send images, PDF documents, MP4 or WebM videos, MP3, Ogg or WAV audio, ZIP archives and plain text.`
  }
  if (status === 413)
    return `"${name}" was not sent: it is larger than 100 MB, the most Parley accepts.`
  if (status === 422) return `"${name}" was not sent: the file is empty.`
  if (!status) return `"${name}" was not sent: the connection dropped during the upload. Try again.`
  return `"${name}" was not sent: ${(error as Error).message}`
}

/**
 * A file: its message first, then the upload to it; image thumbnails come
 * back with it. Files over the limit are refused before anything is sent; a
 * refused upload deletes its message, so nobody keeps an empty placeholder.
 */
export async function sendFile(roomId: string, file: File) {
  if (file.size > MAX_FILE_BYTES)
    throw new Error(uploadProblem(file.name, new ApiError(413, '', '')))
  if (file.size === 0) throw new Error(uploadProblem(file.name, new ApiError(422, '', '')))
  const message = await sendMessage(roomId, `${ATTACHMENT_PREFIX}${file.name}`)
  try {
    const media = await upload<Media>(`/media/upload/${message.id}`, file)
    state.media.set(message.id, [media])
    changed('room', roomId)
  } catch (error) {
    await deleteMessage(message).catch(() => forgetDeleted(roomId, message.id))
    throw new Error(uploadProblem(file.name, error))
  }
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
  state.missingMedia.add(messageId)
  const roomId = [...state.rooms.values()].find((r) => r.messages.has(messageId))?.room.id
  changed('room', roomId)
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

/** Opens (or finds) the direct room with a person; its id. The caller opens it. */
export async function openDirect(userId: string) {
  const room = upsertRoom(await post<Room>('/chat/rooms/direct', { userId }))
  changed('rooms')
  return room.room.id
}

export async function createGroup(
  name: string,
  memberIds: string[],
  description?: string,
  visibility: 'private' | 'public' = 'private'
) {
  const body = { name, memberIds, visibility, ...(description ? { description } : {}) }
  const room = upsertRoom(await post<Room>('/chat/rooms/group', body))
  changed('rooms')
  return room.room.id
}

/** Renames, describes, archives or unarchives a group room (PATCH /chat/rooms/:id). */
export async function updateRoom(
  roomId: string,
  patch: {
    name?: string
    description?: string | null
    archived?: boolean
    visibility?: 'private' | 'public'
  }
) {
  const room = await request<Room>('PATCH', `/chat/rooms/${roomId}`, patch).then((r) => r.data)
  upsertRoom(room)
  changed('room', roomId)
  changed('rooms')
}

export async function addRoomMembers(roomId: string, userIds: string[]) {
  upsertRoom(await post<Room>(`/chat/rooms/${roomId}/members`, { userIds }))
  changed('room', roomId)
  changed('rooms')
}

/** Removes a member from a group room; removing oneself is leaving it. */
export async function removeRoomMember(roomId: string, userId: string) {
  await request('DELETE', `/chat/rooms/${roomId}/members/${userId}`)
  if (userId === state.me?.id) {
    state.rooms.delete(roomId)
    if (state.currentRoomId === roomId) state.currentRoomId = null
    changed('room')
    changed('rooms')
    return
  }
  const entry = state.rooms.get(roomId)
  if (entry) {
    entry.room.members = entry.room.members.filter((m) => m.userId !== userId)
    entry.room.memberCount = Math.max(0, entry.room.memberCount - 1)
  }
  changed('room', roomId)
  changed('rooms')
}

/** Mutes or unmutes a room for the current user (no notifications from it). */
export async function muteRoom(roomId: string, muted: boolean) {
  await put(`/chat/rooms/${roomId}/mute`, { muted })
  const entry = state.rooms.get(roomId)
  if (entry) entry.room.muted = muted
  changed('room', roomId)
  changed('rooms')
}

/** True when the current user may rename, archive and manage members of a room. */
export function canManage(room: Room) {
  return room.type === 'group' && (room.role === 'admin' || canModerate())
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
