import type { MessageObject } from '#transformers/message_transformer'
import type { RoomObject } from '#transformers/room_transformer'
import type { NotificationObject } from '#transformers/notification_transformer'
import type { MediaObject } from '#transformers/media_transformer'
import type { CommandResultObject } from '#transformers/command_result'

/*
 * The Socket.IO contract of DESIGN.md §6, typed once for the server (and for
 * any TypeScript client): what clients send, what the server emits, and what
 * each socket carries. Payloads the server emits are transformer output only.
 */

/** One error, as in the REST error shape: the same `E_*` codes on every door. */
export interface AckError {
  code: string
  message: string
  field?: string
  /** With `E_RATE_LIMITED`: whole seconds to wait, like `Retry-After` on REST. */
  retryAfter?: number
}

/** The answer to every client→server event that carries an ack callback. */
export type AckResponse<T = unknown> = { ok: true; data: T } | { ok: false; error: AckError }

/** The ack callback a client passes as the last argument of an event. */
export type Ack<T = unknown> = (response: AckResponse<T>) => void

/** `{ roomId }`: join_room, leave_room, typing_start, typing_stop. */
export interface RoomRef {
  roomId: string
}

/** `add_reaction` / `remove_reaction`: a message and one Unicode emoji. */
export interface ReactionRef {
  messageId: string
  emoji: string
}

/** `send_message` payload of a plaintext room (validated by the REST `sendMessageValidator`). */
export interface SendPlainMessagePayload {
  roomId: string
  content: string
  replyToId?: string
  clientMessageId?: string
  mentions?: string[]
  /** With `replyToId`: the reply stays in its thread, out of the room's timeline. */
  threadOnly?: boolean
}

/** `send_message` payload of an encrypted room (`sendEncryptedMessageValidator`). */
export interface SendEncryptedMessagePayload {
  roomId: string
  ciphertext: string
  iv: string
  keyVersion: number
  algorithm: string
  replyToId?: string
  clientMessageId?: string
  mentions?: string[]
  threadOnly?: boolean
}

/** `send_message` payload: plaintext `content`, or the ciphertext fields in encrypted rooms. */
export type SendMessagePayload = SendPlainMessagePayload | SendEncryptedMessagePayload

/** `mark_as_read`: a seq, or the id of the message read up to. */
export type MarkAsReadPayload =
  { roomId: string; seq: number } | { roomId: string; messageId: string }

/** What `sync` answers for one room: its changes after the cursor, or why it has none. */
export type SyncRoomResult = AckResponse<{
  messages: MessageObject[]
  hasMore: boolean
  cursor: number
}>

/** What `sync` answers: per room, and the room-list changes when `roomsAfter` was sent. */
export interface SyncResult {
  rooms: Record<string, SyncRoomResult>
  roomList?: { rooms: RoomObject[]; removed: string[]; cursor: number }
}

/** `connected` and `organization_switched`: where the socket now is. */
export interface SocketContext {
  userId: string
  organizationId: string
  rooms: string[]
}

/** A room as every member sees it (the per-viewer fields are left out of broadcasts). */
export type SharedRoom = Omit<RoomObject, 'role' | 'lastReadSeq' | 'muted' | 'unreadCount'>

/** Events clients send; every one takes an optional ack as its last argument. */
export interface ClientToServerEvents {
  join_room: (payload: RoomRef, ack?: Ack<RoomRef>) => void
  leave_room: (payload: RoomRef, ack?: Ack<RoomRef>) => void
  send_message: (payload: SendMessagePayload, ack?: Ack<MessageObject>) => void
  edit_message: (payload: { messageId: string; content: string }, ack?: Ack<MessageObject>) => void
  delete_message: (payload: { messageId: string }, ack?: Ack<{ messageId: string }>) => void
  /** Reacts with one emoji (REST `POST /chat/messages/:messageId/reactions`); acks the message. */
  add_reaction: (payload: ReactionRef, ack?: Ack<MessageObject>) => void
  /** Takes one's reaction back (REST `DELETE …/reactions/:emoji`); acks the message. */
  remove_reaction: (payload: ReactionRef, ack?: Ack<MessageObject>) => void
  /** Pins (REST `PUT /chat/messages/:messageId/pin`); acks the message. */
  pin_message: (payload: { messageId: string }, ack?: Ack<MessageObject>) => void
  /** Unpins (REST `DELETE …/pin`); acks the message id. */
  unpin_message: (payload: { messageId: string }, ack?: Ack<{ messageId: string }>) => void
  /** Runs a slash command (REST `POST /chat/rooms/:roomId/commands`); acks its result. */
  run_command: (
    payload: { roomId: string; command: string; args?: string },
    ack?: Ack<CommandResultObject>
  ) => void
  typing_start: (payload: RoomRef, ack?: Ack<RoomRef>) => void
  typing_stop: (payload: RoomRef, ack?: Ack<RoomRef>) => void
  mark_as_read: (
    payload: MarkAsReadPayload,
    ack?: Ack<{ roomId: string; lastReadSeq: number }>
  ) => void
  switch_organization: (payload: { organizationId: string }, ack?: Ack<SocketContext>) => void
  sync: (
    payload: { rooms: Record<string, number>; roomsAfter?: number },
    ack?: Ack<SyncResult>
  ) => void
}

/** Events the server emits. */
export interface ServerToClientEvents {
  connected: (context: SocketContext) => void
  joined_room: (payload: RoomRef) => void
  left_room: (payload: RoomRef) => void
  organization_switched: (context: SocketContext) => void
  new_message: (message: MessageObject) => void
  message_edited: (message: MessageObject) => void
  message_deleted: (payload: { messageId: string; roomId: string; seq: number }) => void
  message_read: (payload: { roomId: string; userId: string; seq: number }) => void
  mentioned: (payload: { organizationId: string; roomId: string; message: MessageObject }) => void
  user_typing: (payload: { roomId: string; userId: string }) => void
  user_stopped_typing: (payload: { roomId: string; userId: string }) => void
  user_online: (payload: PresencePayload) => void
  user_offline: (payload: PresencePayload) => void
  room_member_added: (payload: {
    organizationId: string
    roomId: string
    userIds: string[]
    room: SharedRoom
  }) => void
  room_member_removed: (payload: { organizationId: string; roomId: string; userId: string }) => void
  /** A group room renamed, described, archived or unarchived: its shared fields. */
  room_updated: (payload: { organizationId: string; roomId: string; room: SharedRoom }) => void
  room_rekey_required: (payload: RekeyRequiredPayload) => void
  key_changed: (payload: KeyChangedPayload) => void
  notification: (notification: NotificationObject) => void
  media_added: (payload: { roomId: string; messageId: string; media: MediaObject }) => void
  reaction_added: (payload: ReactionPayload) => void
  reaction_removed: (payload: ReactionPayload) => void
  message_pinned: (payload: { roomId: string; message: MessageObject }) => void
  message_unpinned: (payload: { roomId: string; messageId: string; versionSeq: number }) => void
  thread_updated: (payload: ThreadUpdatedPayload) => void
  /** Someone joined the organization (accepted an invite, or was added by an admin). */
  org_member_added: (payload: OrgMemberPayload) => void
  /** Someone left the organization or was removed from it. */
  org_member_removed: (payload: Omit<OrgMemberPayload, 'role'>) => void
  /** A member's role changed. */
  org_member_role_changed: (payload: OrgMemberPayload) => void
  /** A slash command's ephemeral answer, to the member who ran it only. */
  command_response: (payload: CommandResponsePayload) => void
  link_preview: (payload: {
    roomId: string
    messageId: string
    versionSeq: number
    preview: NonNullable<MessageObject['preview']>
  }) => void
  error: (payload: AckError & { event: string }) => void
}

/**
 * Every server→client event, by how it is sent (a runtime list of
 * ServerToClientEvents, which the compiler keeps complete): `fanout` events
 * come from the one fan-out table (app/listeners/realtime_fanout_listener.ts)
 * and go out on Socket.IO and SSE alike; `reply` events answer one socket
 * (its handshake, its own request), so they have no SSE counterpart.
 */
export const SERVER_EVENTS = {
  connected: 'reply',
  joined_room: 'reply',
  left_room: 'reply',
  organization_switched: 'reply',
  error: 'reply',
  new_message: 'fanout',
  message_edited: 'fanout',
  message_deleted: 'fanout',
  message_read: 'fanout',
  mentioned: 'fanout',
  user_typing: 'fanout',
  user_stopped_typing: 'fanout',
  user_online: 'fanout',
  user_offline: 'fanout',
  room_member_added: 'fanout',
  room_member_removed: 'fanout',
  room_updated: 'fanout',
  room_rekey_required: 'fanout',
  key_changed: 'fanout',
  notification: 'fanout',
  media_added: 'fanout',
  reaction_added: 'fanout',
  reaction_removed: 'fanout',
  message_pinned: 'fanout',
  message_unpinned: 'fanout',
  thread_updated: 'fanout',
  org_member_added: 'fanout',
  org_member_removed: 'fanout',
  org_member_role_changed: 'fanout',
  link_preview: 'fanout',
  command_response: 'fanout',
} as const satisfies Record<keyof ServerToClientEvents, 'fanout' | 'reply'>

/** A server→client event that the fan-out table sends on both transports. */
export type FanoutEvent = {
  [Event in keyof typeof SERVER_EVENTS]: (typeof SERVER_EVENTS)[Event] extends 'fanout'
    ? Event
    : never
}[keyof typeof SERVER_EVENTS]

/** `room_rekey_required`: new messages need the next key version (encrypted rooms). */
export interface RekeyRequiredPayload {
  organizationId: string
  roomId: string
  staleVersion: number
  reason: 'member_added' | 'member_removed' | 'device_revoked'
}

/** `key_changed`: a contact registered or revoked a device key (re-check their key log). */
export interface KeyChangedPayload {
  userId: string
  deviceId: string
  action: 'register' | 'revoke'
  seq: number
  hash: string
}

/** `reaction_added` / `reaction_removed`: who, which emoji, its count now, the message's new versionSeq. */
export interface ReactionPayload {
  roomId: string
  messageId: string
  userId: string
  emoji: string
  count: number
  versionSeq: number
}

/** `thread_updated`: a reply joined a thread; the root's new summary and versionSeq. */
export interface ThreadUpdatedPayload {
  roomId: string
  rootId: string
  replyId: string
  versionSeq: number
  thread: MessageObject['thread']
}

/** `org_member_added` / `org_member_role_changed`: ids and the role; clients fetch the member list. */
export interface OrgMemberPayload {
  organizationId: string
  userId: string
  role: 'owner' | 'admin' | 'moderator' | 'member'
}

/** `command_response`: which command, in which room, and the text only its runner sees. */
export interface CommandResponsePayload {
  organizationId: string
  roomId: string
  command: string
  text: string
}

/** `user_online` / `user_offline`. */
export interface PresencePayload {
  organizationId: string
  userId: string
  lastSeenAt: string
}

/** Nothing is exchanged between nodes beyond what the adapter does itself. */
export interface InterServerEvents {}

/**
 * What each socket carries: plain ids only, so an adapter can copy it
 * between nodes.
 */
export interface SocketData {
  userId: string
  /** The access token the socket authenticated with: logout disconnects exactly these. */
  tokenId: string
  organizationId: string
}
