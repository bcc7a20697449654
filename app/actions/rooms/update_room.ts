import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Room from '#models/room'
import RoomMember from '#models/room_member'
import type { Actor } from '#types/actor'
import { ConflictException, ForbiddenException } from '#exceptions/app_exception'
import { canManageRoom, findRoomForMember } from '#domain/rooms/room_access'
import { recordRoomChanges } from '#actions/rooms/room_changes'
import { roomView } from '#queries/room_views'

export interface UpdateRoomInput {
  name?: string
  description?: string | null
  archived?: boolean
}

/**
 * Renames, describes, archives or unarchives a group room (room admins and
 * organization moderators and up). Every member's room list change feed
 * records it, so clients that were away see it with `?after=`.
 */
export default class UpdateRoom {
  static async handle(actor: Actor, roomId: string, input: UpdateRoomInput) {
    const { room, memberIds } = await committedTransaction(async (trx) => {
      const access = await findRoomForMember(actor, roomId, { client: trx, lock: true })
      if (access.room.type === 'direct') {
        throw new ConflictException(
          'Direct rooms cannot be renamed or archived',
          'E_DIRECT_ROOM_FIXED'
        )
      }
      if (!canManageRoom(actor, access.member)) {
        throw new ForbiddenException('Only room admins and moderators can change a room')
      }
      const target = access.room
      if (input.name !== undefined) target.name = input.name
      if (input.description !== undefined) target.description = input.description
      if (input.archived !== undefined) {
        target.archivedAt = input.archived ? (target.archivedAt ?? DateTime.now()) : null
      }
      return { room: target, memberIds: await saveRoomChange(trx, target) }
    })
    return announceRoomUpdate(actor, room, memberIds)
  }
}

/**
 * Saves a changed room inside `trx` and records the change in every
 * member's room list feed; returns the member ids (for the announcement).
 */
export async function saveRoomChange(trx: TransactionClientContract, room: Room) {
  await room.useTransaction(trx).save()
  const members = await RoomMember.query({ client: trx }).where('room_id', room.id)
  const memberIds = members.map((member) => member.userId)
  await recordRoomChanges(trx, {
    organizationId: room.organizationId,
    roomId: room.id,
    userIds: memberIds,
  })
  return memberIds
}

/** After commit: `room:updated` with the actor's view of the room, which it returns. */
export async function announceRoomUpdate(actor: Actor, room: Room, memberIds: string[]) {
  const view = await roomView(actor, room)
  emitter.emit('room:updated', {
    organizationId: room.organizationId,
    room: view,
    memberIds,
  })
  return view
}
