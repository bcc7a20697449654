import { BaseTransformer } from '@adonisjs/core/transformers'
import type Room from '#models/room'

/**
 * A room as server admins see it (chatctl `room list|show`): no member's
 * view (unread counts, last message), never message content, and the member
 * count from `$extras.memberCount`.
 */
export default class RoomSummaryTransformer extends BaseTransformer<Room> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'organizationId', 'type', 'name', 'encrypted']),
      memberCount: Number(this.resource.$extras.memberCount ?? 0),
      lastSeq: Number(this.resource.lastSeq),
      lastMessageAt: this.resource.lastMessageAt?.toISO() ?? null,
      archivedAt: this.resource.archivedAt?.toISO() ?? null,
      createdAt: this.resource.createdAt.toISO(),
    }
  }
}
