import { BaseTransformer } from '@adonisjs/core/transformers'
import type Room from '#models/room'

/**
 * A public room as any member of its organization sees it before joining:
 * its name, description and size, and whether the viewer is already in it.
 * No members, no messages.
 */
export default class PublicRoomTransformer extends BaseTransformer<Room> {
  toObject() {
    const room = this.resource
    return {
      id: room.id,
      name: room.name,
      description: room.description,
      memberCount: Number(room.$extras.member_count ?? 0),
      joined: room.$extras.joined === true,
      lastMessageAt: room.lastMessageAt?.toISO() ?? null,
      createdAt: room.createdAt.toISO(),
    }
  }
}
