import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import { ConflictException, ForbiddenException } from '#exceptions/app_exception'
import { bouncerFor } from '#services/authorizer'
import { findRoomForMember } from '#domain/rooms/room_access'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

/**
 * Sets a group room's slow mode (room admins and organization moderators
 * and up): members below moderator may send one message per `seconds`
 * (0 turns it off); a faster send is 429 E_SLOW_MODE with `Retry-After`.
 */
export default class UpdateSlowMode {
  static async handle(actor: Actor, roomId: string, seconds: number) {
    return committedTransaction(async (trx) => {
      const access = await findRoomForMember(actor, roomId, { client: trx, lock: true })
      if (access.room.type === 'direct') {
        throw new ConflictException('Direct rooms have no slow mode', 'E_DIRECT_ROOM_FIXED')
      }
      if (await bouncerFor(actor).with('RoomPolicy').denies('manage', access.member)) {
        throw new ForbiddenException('Only room admins and moderators can set slow mode')
      }
      const previous = Number(access.room.$extras.slow_mode_seconds ?? 0)
      await trx.from('rooms').where('id', access.room.id).update({ slow_mode_seconds: seconds })
      await recordAudit(
        {
          action: 'moderation.slow_mode_changed',
          organizationId: actor.organization.id,
          actorUserId: auditActorId(actor),
          targetType: 'room',
          targetId: access.room.id,
          details: { seconds, previous },
        },
        trx
      )
      return { roomId: access.room.id, slowModeSeconds: seconds }
    })
  }
}
