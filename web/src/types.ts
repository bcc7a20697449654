/*
 * The JSON shapes of Parley's public API that this client reads (see
 * app/transformers/* on the server and DESIGN.md §6, §10).
 */

export interface User {
  id: string
  username: string
  displayName: string | null
  avatarUrl: string | null
  lastSeenAt: string | null
}

export interface Me extends User {
  email: string
  activeOrganizationId: string | null
}

export type Role = 'owner' | 'admin' | 'moderator' | 'member'

export interface Organization {
  id: string
  name: string
  slug: string
  role: Role | null
}

export interface Member {
  userId: string
  role: Role
  user: User | null
}

export interface Message {
  id: string
  roomId: string
  senderId: string
  seq: number
  versionSeq: number
  content: string | null
  replyToId: string | null
  clientMessageId: string | null
  mentions: { userId: string; kind: string }[]
  editedAt: string | null
  deletedAt: string | null
  createdAt: string
}

export interface Room {
  id: string
  type: 'direct' | 'group'
  name: string | null
  lastSeq: number
  lastMessageAt: string | null
  archivedAt: string | null
  memberCount: number
  members: { userId: string; role: string; user: User | null }[]
  role?: string | null
  lastReadSeq?: number
  unreadCount?: number
  lastMessage?: Message | null
}

export interface Media {
  id: string
  messageId: string
  mime: string
  size: number
  name: string
  width: number | null
  height: number | null
  hasThumbnail: boolean
  url: string | null
  thumbnailUrl: string | null
}

export interface Invite {
  id: string
  email: string
  role: Role
  link: string | null
  emailSent: boolean
}

export interface Notification {
  id: string
  type: string
  roomId: string | null
  messageId: string | null
  actorId: string | null
  data: { seq?: number; mentionKind?: string }
  readAt: string | null
  createdAt: string
}

/** The ack of every client→server socket event. */
export type Ack<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } }

export interface SyncResult {
  rooms: Record<string, Ack<{ messages: Message[]; hasMore: boolean; cursor: number }>>
}
