import { BaseTransformer } from '@adonisjs/core/transformers'
import type Room from '#models/room'
import type Message from '#models/message'
import type RoomMember from '#models/room_member'
import UserTransformer from '#transformers/user_transformer'
import MessageTransformer from '#transformers/message_transformer'

/**
 * A room with what one viewer needs to draw it in a room list: a members
 * summary (count and the first members, with their users loaded), the
 * viewer's own membership, unread count and the last message.
 */
export interface RoomView {
  room: Room
  memberCount: number
  members: RoomMember[]
  me: RoomMember | null
  unreadCount: number
  lastMessage: Message | null
}

/** A room as one of its members sees it. */
export default class RoomTransformer extends BaseTransformer<RoomView> {
  toObject() {
    const { room, me } = this.resource
    return {
      id: room.id,
      type: room.type,
      name: room.name,
      description: room.description,
      encrypted: room.encrypted,
      createdById: room.createdById,
      lastSeq: room.lastSeq,
      lastMessageAt: room.lastMessageAt?.toISO() ?? null,
      archivedAt: room.archivedAt?.toISO() ?? null,
      createdAt: room.createdAt.toISO(),
      memberCount: this.resource.memberCount,
      members: this.resource.members.map((member) => ({
        userId: member.userId,
        role: member.role,
        user: member.user ? new UserTransformer(member.user).toObject() : null,
      })),
      role: me?.role ?? null,
      lastReadSeq: me?.lastReadSeq ?? 0,
      muted: me?.muted ?? false,
      unreadCount: this.resource.unreadCount,
      lastMessage: this.resource.lastMessage
        ? new MessageTransformer(this.resource.lastMessage).toObject()
        : null,
    }
  }
}

/** The plain shape of a serialized room, as carried by chat events. */
export type RoomObject = ReturnType<RoomTransformer['toObject']>
