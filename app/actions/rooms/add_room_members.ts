import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import RoomMember from '#models/room_member'
import type { Actor } from '#types/actor'
import { ConflictException, ForbiddenException } from '#exceptions/app_exception'
import e2eRooms from '#services/e2e_rooms'
import { assertOrgMembers, findRoomForMember } from '#domain/rooms/room_access'
import { bouncerFor } from '#services/authorizer'
import { insertMembers } from '#actions/rooms/room_writer'
import { recordRoomChanges } from '#domain/rooms/room_changes'
import { roomView } from '#queries/room_views'

/**
 * Adds organization members to a group room. Room admins and organization
 * moderators and up may; direct rooms have fixed members (409
 * E_DIRECT_ROOM_FIXED). Users already in the room are skipped. The room row
 * is locked so the change feed and events see one consistent member list;
 * in an encrypted room the key directory marks the current key stale.
 */
export default class AddRoomMembers {
  static async handle(actor: Actor, roomId: string, input: { userIds: string[] }) {
    const result = await committedTransaction(async (trx) => {
      const { room, member } = await findRoomForMember(actor, roomId, { client: trx, lock: true })
      if (room.type === 'direct') throw directRoomFixed()
      if (await bouncerFor(actor).with('RoomPolicy').denies('manage', member)) {
        throw new ForbiddenException('Only room admins and moderators can add members')
      }
      await assertOrgMembers(actor, input.userIds, trx)
      const added = await insertMembers(
        trx,
        room,
        input.userIds.map((userId) => ({ userId, role: 'member' as const }))
      )
      if (added.length) {
        const everyone = await RoomMember.query({ client: trx }).where('room_id', room.id)
        await recordRoomChanges(trx, {
          organizationId: room.organizationId,
          roomId: room.id,
          userIds: everyone.map((row) => row.userId),
        })
        await e2eRooms.membershipChanged(trx, room, { addedUserIds: added, removedUserIds: [] })
      }
      return { room, added }
    })
    const view = await roomView(actor, result.room)
    if (result.added.length) {
      emitter.emit('room:member_added', {
        organizationId: result.room.organizationId,
        roomId: result.room.id,
        userIds: result.added,
        room: view,
      })
    }
    return view
  }
}

/** The error for any attempt to change a direct room's members. */
export function directRoomFixed() {
  return new ConflictException('Direct rooms have fixed members', 'E_DIRECT_ROOM_FIXED')
}
