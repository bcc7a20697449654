import type { Me, Media, Member, Message, Organization, Room, User } from './types'

/** What the client knows of one room. */
export interface RoomState {
  room: Room
  /** Loaded messages by id (a window of the room, sorted by seq when drawn). */
  messages: Map<string, Message>
  /** The change cursor for `sync` / `?after=`: every change up to it is applied. */
  cursor: number
  loaded: boolean
  /** The `before` cursor for older pages, null when the start is loaded. */
  olderCursor: number | null
  /** Read pointers of other members, as announced by `message_read`. */
  readBy: Map<string, number>
  /** Members typing now, with the timer that forgets them. */
  typing: Map<string, ReturnType<typeof setTimeout>>
}

export type Topic =
  'session' | 'rooms' | 'room' | 'typing' | 'presence' | 'connection' | 'notifications'

type Listener = (roomId?: string) => void

/** The whole client state, and who is told when part of it changes. */
export const state = {
  me: null as Me | null,
  orgs: [] as Organization[],
  org: null as Organization | null,
  members: [] as Member[],
  users: new Map<string, User>(),
  rooms: new Map<string, RoomState>(),
  roomsCursor: 0,
  currentRoomId: null as string | null,
  online: new Set<string>(),
  connection: 'connecting' as 'connecting' | 'online' | 'offline',
  unreadNotifications: 0,
  media: new Map<string, Media[]>(),
}

const listeners = new Map<Topic, Set<Listener>>()

export function subscribe(topic: Topic, listener: Listener) {
  if (!listeners.has(topic)) listeners.set(topic, new Set())
  listeners.get(topic)!.add(listener)
  return () => listeners.get(topic)!.delete(listener)
}

export function changed(topic: Topic, roomId?: string) {
  for (const listener of listeners.get(topic) ?? []) listener(roomId)
}

/** Forgets everything that belongs to the current organization. */
export function resetOrganizationState() {
  for (const room of state.rooms.values()) for (const t of room.typing.values()) clearTimeout(t)
  state.rooms.clear()
  state.members = []
  state.currentRoomId = null
  state.online.clear()
  state.media.clear()
  state.unreadNotifications = 0
  state.roomsCursor = 0
}

export function rememberUsers(users: (User | null | undefined)[]) {
  for (const user of users) if (user) state.users.set(user.id, user)
}

/** A person's name as shown: display name, else username. */
export function nameOf(userId: string | null | undefined) {
  if (!userId) return 'Someone'
  if (userId === state.me?.id) return 'You'
  const user = state.users.get(userId)
  return user?.displayName || user?.username || 'Unknown user'
}

/** The other member of a direct room. */
export function peerOf(room: Room) {
  return room.members.find((m) => m.userId !== state.me?.id)?.userId ?? null
}

export function roomTitle(room: Room) {
  if (room.type === 'group') return room.name ?? 'Untitled group'
  const peer = peerOf(room)
  return peer ? nameOf(peer) : 'Just you'
}

/** Adds or replaces a room from the API, keeping what was loaded of it. */
export function upsertRoom(room: Room) {
  rememberUsers(room.members.map((m) => m.user))
  const known = state.rooms.get(room.id)
  if (known) {
    known.room = { ...known.room, ...room }
    return known
  }
  const created: RoomState = {
    room,
    messages: new Map(),
    cursor: 0,
    loaded: false,
    olderCursor: null,
    readBy: new Map(),
    typing: new Map(),
  }
  state.rooms.set(room.id, created)
  return created
}

/** Rooms by latest activity. */
export function sortedRooms() {
  return [...state.rooms.values()]
    .filter((r) => !r.room.archivedAt)
    .sort((a, b) => (b.room.lastMessageAt ?? '').localeCompare(a.room.lastMessageAt ?? ''))
}

/**
 * Applies a message (new, edited or deleted) to its room. Returns true when it
 * is new to this client, so callers count it as unread once only.
 */
export function applyMessage(message: Message) {
  const entry = state.rooms.get(message.roomId)
  if (!entry) return false
  const known = entry.messages.get(message.id)
  const isNew = !known && message.seq > (entry.room.lastSeq ?? 0)
  if (entry.loaded && (!known || known.versionSeq <= message.versionSeq)) {
    entry.messages.set(message.id, message)
  }
  entry.cursor = Math.max(entry.cursor, message.versionSeq)
  if (message.seq >= entry.room.lastSeq) {
    entry.room.lastSeq = message.seq
    entry.room.lastMessage = message
    entry.room.lastMessageAt = message.createdAt
  }
  return isNew
}

/** Messages of a room in seq order. */
export function orderedMessages(entry: RoomState) {
  return [...entry.messages.values()].sort((a, b) => a.seq - b.seq)
}

/** The role rank of the current user in the current organization. */
export function canModerate() {
  return ['owner', 'admin', 'moderator'].includes(state.org?.role ?? '')
}

/** Drops every listener (the screen they drew is gone). */
export function clearSubscriptions() {
  listeners.clear()
}
