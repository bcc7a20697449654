import type { CommandResult, Media, Message, Notification, Room } from './schemas.js'
import type { ErrorEntry } from './errors.js'

/*
 * The Socket.IO contract (DESIGN.md §6) in terms of the OpenAPI component
 * schemas: every payload that carries a message, room, notification or
 * media is the same schema as its REST counterpart. Every server→client
 * event carries exactly one argument, its payload; every client→server event
 * takes an ack answered `{ ok: true, data }` or `{ ok: false, error }`. SSE
 * (Transmit) carries the fan-out events with the same payloads, as
 * `{ event, data }`. The SDK's tests check these names against the server's
 * event table.
 */

export interface RoomRef {
  roomId: string
}

/** `connected` / `organization_switched`: where the socket now is. */
export interface SocketContext {
  userId: string
  organizationId: string
  rooms: string[]
}

/** A room as every member sees it (no per-viewer fields). */
export type SharedRoom = Omit<Room, 'role' | 'lastReadSeq' | 'muted' | 'unreadCount'>

export interface PresencePayload {
  organizationId: string
  userId: string
  lastSeenAt: string
}

export interface OrgMemberPayload {
  organizationId: string
  userId: string
  role: 'owner' | 'admin' | 'moderator' | 'member'
}

export interface ReactionPayload {
  roomId: string
  messageId: string
  userId: string
  emoji: string
  count: number
  versionSeq: number
}

/** Payload of every server→client event. */
export interface ServerEvents {
  connected: SocketContext
  joined_room: RoomRef
  left_room: RoomRef
  organization_switched: SocketContext
  error: ErrorEntry & { event: string }
  new_message: Message
  message_edited: Message
  message_deleted: { messageId: string; roomId: string; seq: number }
  message_read: { roomId: string; userId: string; seq: number }
  mentioned: { organizationId: string; roomId: string; message: Message }
  user_typing: { roomId: string; userId: string }
  user_stopped_typing: { roomId: string; userId: string }
  user_online: PresencePayload
  user_offline: PresencePayload
  room_member_added: { organizationId: string; roomId: string; userIds: string[]; room: SharedRoom }
  room_member_removed: { organizationId: string; roomId: string; userId: string }
  room_updated: { organizationId: string; roomId: string; room: SharedRoom }
  room_rekey_required: {
    organizationId: string
    roomId: string
    staleVersion: number
    reason: 'member_added' | 'member_removed' | 'device_revoked'
  }
  key_changed: {
    userId: string
    deviceId: string
    action: 'register' | 'revoke'
    seq: number
    hash: string
  }
  notification: Notification
  media_added: { roomId: string; messageId: string; media: Media }
  reaction_added: ReactionPayload
  reaction_removed: ReactionPayload
  message_pinned: { roomId: string; message: Message }
  message_unpinned: { roomId: string; messageId: string; versionSeq: number }
  thread_updated: {
    roomId: string
    rootId: string
    replyId: string
    versionSeq: number
    thread: Message['thread']
  }
  org_member_added: OrgMemberPayload
  org_member_removed: Omit<OrgMemberPayload, 'role'>
  org_member_role_changed: OrgMemberPayload
  link_preview: {
    roomId: string
    messageId: string
    versionSeq: number
    preview: NonNullable<Message['preview']>
  }
  /** A slash command's ephemeral answer, to the member who ran it only. */
  command_response: { organizationId: string; roomId: string; command: string; text: string }
}

export type ServerEventName = keyof ServerEvents

/** Every server→client event name (the compiler keeps the list complete). */
export const SERVER_EVENT_NAMES = Object.keys({
  connected: 1,
  joined_room: 1,
  left_room: 1,
  organization_switched: 1,
  error: 1,
  new_message: 1,
  message_edited: 1,
  message_deleted: 1,
  message_read: 1,
  mentioned: 1,
  user_typing: 1,
  user_stopped_typing: 1,
  user_online: 1,
  user_offline: 1,
  room_member_added: 1,
  room_member_removed: 1,
  room_updated: 1,
  room_rekey_required: 1,
  key_changed: 1,
  notification: 1,
  media_added: 1,
  reaction_added: 1,
  reaction_removed: 1,
  message_pinned: 1,
  message_unpinned: 1,
  thread_updated: 1,
  org_member_added: 1,
  org_member_removed: 1,
  org_member_role_changed: 1,
  link_preview: 1,
  command_response: 1,
} satisfies Record<ServerEventName, 1>) as ServerEventName[]

export interface SendPlainMessage {
  roomId: string
  content: string
  replyToId?: string
  /** With `replyToId`: the reply stays in its thread, out of the room's timeline. */
  threadOnly?: boolean
  clientMessageId?: string
  mentions?: string[]
}

export interface SendEncryptedMessage {
  roomId: string
  ciphertext: string
  iv: string
  keyVersion: number
  algorithm: string
  replyToId?: string
  /** With `replyToId`: the reply stays in its thread, out of the room's timeline. */
  threadOnly?: boolean
  clientMessageId?: string
  mentions?: string[]
}

export type SendMessageInput = SendPlainMessage | SendEncryptedMessage

export interface SyncRoomData {
  messages: Message[]
  hasMore: boolean
  cursor: number
}

export type AckResponse<T> = { ok: true; data: T } | { ok: false; error: ErrorEntry }

export interface SyncResult {
  rooms: Record<string, AckResponse<SyncRoomData>>
  roomList?: { rooms: Room[]; removed: string[]; cursor: number }
}

/** Client→server events: the payload and what the ack's `data` carries. */
export interface ClientEvents {
  join_room: { payload: RoomRef; result: RoomRef }
  leave_room: { payload: RoomRef; result: RoomRef }
  send_message: { payload: SendMessageInput; result: Message }
  edit_message: { payload: { messageId: string; content: string }; result: Message }
  delete_message: { payload: { messageId: string }; result: { messageId: string } }
  /** Runs a slash command (`POST /chat/rooms/{roomId}/commands`). */
  run_command: {
    payload: { roomId: string; command: string; args?: string }
    result: CommandResult
  }
  typing_start: { payload: RoomRef; result: RoomRef }
  typing_stop: { payload: RoomRef; result: RoomRef }
  mark_as_read: {
    payload: { roomId: string; seq: number } | { roomId: string; messageId: string }
    result: { roomId: string; lastReadSeq: number }
  }
  switch_organization: { payload: { organizationId: string }; result: SocketContext }
  sync: { payload: { rooms: Record<string, number>; roomsAfter?: number }; result: SyncResult }
}

export type ClientEventName = keyof ClientEvents
