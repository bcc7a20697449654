import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import { ConflictException, ForbiddenException } from '#exceptions/app_exception'
import { bouncerFor } from '#services/authorizer'
import { findRoomForMember } from '#domain/rooms/room_access'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'
import { announceRoomUpdate, saveRoomChange } from '#actions/rooms/update_room'

/**
 * Sets a group room's slow mode (room admins and organization moderators
 * and up): members below moderator may send one message per `seconds`
 * (0 turns it off); a faster send is 429 E_SLOW_MODE with `Retry-After`.
 * The room's members see the change as `room_updated` (its
 * `slowModeSeconds`), and clients that were away in their room list feed.
 */
export default class UpdateSlowMode {
  static async handle(actor: Actor, roomId: string, seconds: number) {
    const { room, memberIds, changed } = await committedTransaction(async (trx) => {
      const access = await findRoomForMember(actor, roomId, { client: trx, lock: true })
      if (access.room.type === 'direct') {
        throw new ConflictException('Direct rooms have no slow mode', 'E_DIRECT_ROOM_FIXED')
      }
      if (await bouncerFor(actor).with('RoomPolicy').denies('manage', access.member)) {
        throw new ForbiddenException('Only room admins and moderators can set slow mode')
      }
      const target = access.room
      const previous = target.slowModeSeconds
      await recordAudit(
        {
          action: 'moderation.slow_mode_changed',
          organizationId: actor.organization.id,
          actorUserId: auditActorId(actor),
          targetType: 'room',
          targetId: target.id,
          details: { seconds, previous },
        },
        trx
      )
      if (previous === seconds) return { room: target, memberIds: [], changed: false }
      target.slowModeSeconds = seconds
      return { room: target, memberIds: await saveRoomChange(trx, target), changed: true }
    })
    if (changed) await announceRoomUpdate(actor, room, memberIds)
    return { roomId: room.id, slowModeSeconds: seconds }
  }
}
