import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import RoomMember from '#models/room_member'
import type { Actor } from '#types/actor'
import { ForbiddenException, NotFoundException } from '#exceptions/app_exception'
import { isUuid } from '#services/org_context'
import e2eRooms from '#services/e2e_rooms'
import { findRoomForMember } from '#domain/rooms/room_access'
import { bouncerFor } from '#services/authorizer'
import { recordRoomChanges } from '#domain/rooms/room_changes'
import { directRoomFixed } from '#actions/rooms/add_room_members'

/**
 * Removes a member (by user id) from a group room, or lets a member leave.
 * Room admins and organization moderators and up may remove anyone; a member
 * may remove themself; direct rooms have fixed members (409). The removed
 * user's change feed records the room as removed, the others' as changed.
 * In an encrypted room the key directory marks the current key stale.
 */
export default class RemoveRoomMember {
  static async handle(actor: Actor, roomId: string, memberUserId: string) {
    const roomIdRemoved = await committedTransaction(async (trx) => {
      const { room, member } = await findRoomForMember(actor, roomId, { client: trx, lock: true })
      if (room.type === 'direct') throw directRoomFixed()
      const policy = bouncerFor(actor).with('RoomPolicy')
      if (await policy.denies('removeMember', member, memberUserId)) {
        throw new ForbiddenException('Only room admins and moderators can remove members')
      }
      const target = isUuid(memberUserId)
        ? await RoomMember.query({ client: trx })
            .where('room_id', room.id)
            .where('user_id', memberUserId)
            .first()
        : null
      if (!target) throw new NotFoundException('Member not found')
      await target.useTransaction(trx).delete()
      const remaining = await RoomMember.query({ client: trx }).where('room_id', room.id)
      await recordRoomChanges(trx, {
        organizationId: room.organizationId,
        roomId: room.id,
        userIds: remaining.map((row) => row.userId),
        removedUserIds: [memberUserId],
      })
      await e2eRooms.membershipChanged(trx, room, {
        addedUserIds: [],
        removedUserIds: [memberUserId],
      })
      return room.id
    })
    emitter.emit('room:member_removed', {
      organizationId: actor.organization.id,
      roomId: roomIdRemoved,
      userId: memberUserId,
    })
  }
}
