/*
 * The only place that spells Socket.IO room names and Transmit channel names,
 * so the gateway, the handlers, the fan-out listener and the SSE door can
 * never disagree on them (STYLE.md, Naming).
 */

/** Socket.IO room of every socket of one user, whatever its organization. */
export function userRoom(userId: string) {
  return `user:${userId}`
}

/**
 * Socket.IO room of one user's sockets whose current organization is
 * `organizationId` (answers meant for the member in that organization only,
 * such as `command_response`).
 */
export function memberRoom(userId: string, organizationId: string) {
  return `user:${userId}:org:${organizationId}`
}

/** Whether a Socket.IO room name is a per-member room (`memberRoom`). */
export function isMemberRoom(name: string) {
  return name.startsWith('user:') && name.includes(':org:')
}

/** Socket.IO room of every socket whose current organization is `organizationId`. */
export function orgRoom(organizationId: string) {
  return `org:${organizationId}`
}

/** Socket.IO room of one chat room: only sockets of its members are ever in it. */
export function chatRoom(roomId: string) {
  return `room:${roomId}`
}

const CHAT_ROOM_PREFIX = 'room:'

/** The chat room id behind a Socket.IO room name, or null for user/org/socket-id rooms. */
export function chatRoomId(name: string): string | null {
  return name.startsWith(CHAT_ROOM_PREFIX) ? name.slice(CHAT_ROOM_PREFIX.length) : null
}

/** Transmit (SSE) channel of one user. */
export function userChannel(userId: string) {
  return `users/${userId}`
}

/** Transmit (SSE) channel of one organization (presence): its members only. */
export function orgChannel(organizationId: string) {
  return `orgs/${organizationId}`
}

/** Transmit (SSE) channel of one chat room, under its organization. */
export function roomChannel(organizationId: string, roomId: string) {
  return `orgs/${organizationId}/rooms/${roomId}`
}
