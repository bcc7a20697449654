import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import Room from '#models/room'
import type { Actor } from '#types/actor'
import { ConflictException, NotFoundException } from '#exceptions/app_exception'
import { isUuid } from '#services/org_context'
import { announceRoomUpdate, auditArchive, saveRoomChange } from '#actions/rooms/update_room'

/**
 * Archives a group room of an organization as a server admin (chatctl `room
 * archive`), who need not be a member of it: the same change as a room
 * admin's archive through `PUT /chat/rooms/:id` (members' change feeds,
 * `room:updated`), found with the organization's scoped lookup. Archiving an
 * archived room keeps its first archive date.
 */
export default class UpdateRoomArchive {
  static async handle(actor: Actor, roomId: string) {
    if (!isUuid(roomId)) throw new NotFoundException('Room not found')
    const { room, memberIds } = await committedTransaction(async (trx) => {
      const target = await Room.query({ client: trx })
        .withScopes((s) => s.forOrg(actor.organization.id))
        .where('id', roomId)
        .forUpdate()
        .first()
      if (!target) throw new NotFoundException('Room not found')
      if (target.type === 'direct') {
        throw new ConflictException('Direct rooms cannot be archived', 'E_DIRECT_ROOM_FIXED')
      }
      if (!target.archivedAt) {
        target.archivedAt = DateTime.now()
        await auditArchive(actor, target, trx)
      }
      return { room: target, memberIds: await saveRoomChange(trx, target) }
    })
    await announceRoomUpdate(actor, room, memberIds)
    return room
  }
}
