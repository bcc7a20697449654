import type Room from '#models/room'
import type Message from '#models/message'
import type RoomMember from '#models/room_member'

/**
 * A room with what one viewer needs to draw it in a room list: a members
 * summary (count and the first members, with their users loaded), the
 * viewer's own membership, unread count and the last message. Built by the
 * read side, carried by room events, shaped by `RoomTransformer`.
 */
export interface RoomView {
  room: Room
  memberCount: number
  members: RoomMember[]
  me: RoomMember | null
  unreadCount: number
  lastMessage: Message | null
}
