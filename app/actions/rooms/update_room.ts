import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Room from '#models/room'
import type { RoomVisibility } from '#models/room'
import { publicEncryptedRoom } from '#actions/rooms/join_room'
import RoomMember from '#models/room_member'
import type { Actor } from '#types/actor'
import { ConflictException, ForbiddenException } from '#exceptions/app_exception'
import { findRoomForMember } from '#domain/rooms/room_access'
import { bouncerFor } from '#services/authorizer'
import { recordRoomChanges } from '#domain/rooms/room_changes'
import { roomView } from '#queries/room_views'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

export interface UpdateRoomInput {
  name?: string
  description?: string | null
  archived?: boolean
  visibility?: RoomVisibility
}

/**
 * Renames, describes, archives or unarchives a group room, or makes it
 * public or private (room admins and organization moderators and up). Every member's room list change feed
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
      if (await bouncerFor(actor).with('RoomPolicy').denies('manage', access.member)) {
        throw new ForbiddenException('Only room admins and moderators can change a room')
      }
      const target = access.room
      const wasArchived = target.archivedAt !== null
      if (input.name !== undefined) target.name = input.name
      if (input.description !== undefined) target.description = input.description
      if (input.visibility !== undefined) {
        if (input.visibility === 'public' && target.encrypted) throw publicEncryptedRoom()
        target.visibility = input.visibility
      }
      if (input.archived !== undefined) {
        target.archivedAt = input.archived ? (target.archivedAt ?? DateTime.now()) : null
      }
      if (input.archived !== undefined && input.archived !== wasArchived) {
        await auditArchive(actor, target, trx)
      }
      return { room: target, memberIds: await saveRoomChange(trx, target) }
    })
    return announceRoomUpdate(actor, room, memberIds)
  }
}

/** Records an archive or an unarchive of `room` in the audit log, inside `trx`. */
export function auditArchive(actor: Actor, room: Room, trx: TransactionClientContract) {
  return recordAudit(
    {
      action: room.archivedAt ? 'room.archived' : 'room.unarchived',
      organizationId: room.organizationId,
      actorUserId: auditActorId(actor),
      targetType: 'room',
      targetId: room.id,
      details: { name: room.name },
    },
    trx
  )
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
