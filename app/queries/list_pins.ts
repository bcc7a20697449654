import Message from '#models/message'
import type { Actor } from '#types/actor'
import { findRoomForMember } from '#domain/rooms/room_access'
import { decryptBodies } from '#domain/messages/message_bodies'
import { withMessageExtras } from '#domain/messages/message_extras'

/**
 * A room's pinned messages, most recently pinned first (a room holds at
 * most MAX_PINS_PER_ROOM, so there is one page), each with its reactions and
 * pin, in one query. 404 outside the actor's rooms.
 */
export default class ListPins {
  static async handle(actor: Actor, roomId: string) {
    const { room } = await findRoomForMember(actor, roomId)
    const messages = await withMessageExtras(Message.query(), actor.user.id)
      .withScopes((s) => s.forOrg(actor.organization.id))
      .join('message_pins', 'message_pins.message_id', 'messages.id')
      .where('message_pins.room_id', room.id)
      .whereNull('messages.deleted_at')
      .orderBy('message_pins.pinned_at', 'desc')
      .preload('mentions')
    await decryptBodies(messages)
    return messages
  }
}
