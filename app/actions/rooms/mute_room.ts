import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import { findRoomForMember } from '#domain/rooms/room_access'
import { recordRoomChanges } from '#domain/rooms/room_changes'

/**
 * Mutes or unmutes a room for the actor only. A muted room notifies its
 * member of direct mentions (`@username` or an explicit mention) and of
 * nothing else: no "new message" notifications or pushes, and `@here` /
 * `@all` stay quiet. The change goes into the actor's room-list feed so the
 * actor's other devices see it on their next sync.
 */
export default class MuteRoom {
  static async handle(actor: Actor, roomId: string, input: { muted: boolean }) {
    const { room, member } = await findRoomForMember(actor, roomId)
    if (member.muted !== input.muted) {
      await committedTransaction(async (trx) => {
        member.useTransaction(trx)
        member.muted = input.muted
        await member.save()
        await recordRoomChanges(trx, {
          organizationId: room.organizationId,
          roomId: room.id,
          userIds: [actor.user.id],
        })
      })
    }
    return { roomId: room.id, muted: input.muted }
  }
}
