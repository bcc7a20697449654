import { BaseTransformer } from '@adonisjs/core/transformers'
import type { RoomView } from '#types/room_view'
import UserTransformer from '#transformers/user_transformer'
import MessageTransformer from '#transformers/message_transformer'

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
      visibility: room.visibility ?? 'private',
      createdById: room.createdById,
      lastSeq: room.lastSeq,
      lastMessageAt: room.lastMessageAt?.toISO() ?? null,
      archivedAt: room.archivedAt?.toISO() ?? null,
      slowModeSeconds: room.slowModeSeconds ?? 0,
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
