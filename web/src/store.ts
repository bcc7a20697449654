import type { Me, Media, Member, Message, Organization, Room, User } from './types'

/** What the client knows of one room. */
export interface RoomState {
  room: Room
  /** Loaded messages by id (a window of the room, sorted by seq when drawn). */
  messages: Map<string, Message>
  /** The change cursor for `sync` / `?after=`: every change up to it is applied. */
  cursor: number
  loaded: boolean
  /**
   * The first page is on its way: messages that arrive meanwhile (the own
   * send's ack among them) are kept, since the page may have been read
   * before they committed.
   */
  loading: boolean
  /** The `before` cursor for older pages, null when the start is loaded. */
  olderCursor: number | null
  /** Read pointers of other members, as announced by `message_read`. */
  readBy: Map<string, number>
  /** Members typing now, with the timer that forgets them. */
  typing: Map<string, ReturnType<typeof setTimeout>>
}

/**
 * A message the user sent that the server has not acknowledged yet. It keeps
 * its `clientMessageId` through every retry, so a retry never duplicates it
 * (DESIGN.md §4), and it survives a reload (the outbox is saved locally).
 */
export interface Outgoing {
  clientMessageId: string
  organizationId: string
  roomId: string
  content: string
  replyToId: string | null
  /** A reply kept in its thread (not shown in the room); absent in outboxes saved before. */
  threadOnly?: boolean
  createdAt: string
  status: 'sending' | 'failed'
  /** Why it failed, in words. */
  error: string | null
}

export type Topic =
  | 'session'
  | 'rooms'
  | 'room'
  | 'typing'
  | 'presence'
  | 'connection'
  | 'notifications'
  /** A thread's replies or summary changed (the root message id). */
  | 'thread'

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
  /** Attachment messages whose file never arrived (the sender gave up or was refused). */
  missingMedia: new Set<string>(),
  /** Sends not yet acknowledged, by clientMessageId, in the order they were written. */
  outbox: new Map<string, Outgoing>(),
}

const outboxKey = () => `parley.outbox.${state.me?.id}`

/** Saves the outbox, so a reload resends what was not acknowledged. */
export function saveOutbox() {
  if (!state.me) return
  if (state.outbox.size)
    localStorage.setItem(outboxKey(), JSON.stringify([...state.outbox.values()]))
  else localStorage.removeItem(outboxKey())
}

/** Reads the saved outbox of the signed-in user. */
export function loadOutbox() {
  state.outbox.clear()
  if (!state.me) return
  try {
    const saved = JSON.parse(localStorage.getItem(outboxKey()) ?? '[]') as Outgoing[]
    for (const item of saved) state.outbox.set(item.clientMessageId, item)
  } catch {
    localStorage.removeItem(outboxKey())
  }
}

/** The unacknowledged sends of a room, oldest first (thread-only replies included). */
export function outgoingIn(roomId: string) {
  return [...state.outbox.values()].filter((item) => item.roomId === roomId)
}

/** The unacknowledged sends that show in a room's timeline: not the thread-only replies. */
export function outgoingInTimeline(roomId: string) {
  return outgoingIn(roomId).filter((item) => !item.threadOnly)
}

/** The unacknowledged thread-only replies to one message. */
export function outgoingInThread(rootId: string) {
  return [...state.outbox.values()].filter((item) => item.threadOnly && item.replyToId === rootId)
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
  state.missingMedia.clear()
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
    loading: false,
    olderCursor: null,
    readBy: new Map(),
    typing: new Map(),
  }
  state.rooms.set(room.id, created)
  return created
}

/** Rooms by latest activity, archived rooms last. */
export function sortedRooms() {
  return [...state.rooms.values()].sort(
    (a, b) =>
      Number(!!a.room.archivedAt) - Number(!!b.room.archivedAt) ||
      (b.room.lastMessageAt ?? '').localeCompare(a.room.lastMessageAt ?? '')
  )
}

/**
 * Applies a message (new, edited or deleted) to its room. Returns true when it
 * is new to this client, so callers count it as unread once only.
 */
export function applyMessage(message: Message) {
  const entry = state.rooms.get(message.roomId)
  if (!entry) return false
  if (message.clientMessageId && message.senderId === state.me?.id) {
    if (state.outbox.delete(message.clientMessageId)) saveOutbox()
  }
  if (message.threadOnly) {
    // A thread-only reply lives in its thread (the panel reads it there), not
    // in the timeline, the room's last message or its unread count.
    entry.cursor = Math.max(entry.cursor, message.versionSeq)
    if (message.replyToId) changed('thread', message.replyToId)
    return false
  }
  const known = entry.messages.get(message.id)
  const isNew = !known && message.seq > (entry.room.lastSeq ?? 0)
  if ((entry.loaded || entry.loading) && (!known || known.versionSeq <= message.versionSeq)) {
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
