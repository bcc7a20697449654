import emitter from '@adonisjs/core/services/emitter'
import { committedTransaction } from '#services/committed_transaction'
import Room from '#models/room'
import RoomMember from '#models/room_member'
import type { Actor } from '#types/actor'
import { roomNotFound } from '#domain/rooms/room_access'
import { AppException } from '#exceptions/app_exception'
import { insertMembers } from '#actions/rooms/room_writer'
import { recordRoomChanges } from '#domain/rooms/room_changes'
import { roomView } from '#queries/room_views'

/**
 * Joins a public group room of the actor's organization (any member of the
 * organization may). A private, archived, direct or unknown room, or one of
 * another organization, is the one 404 of rooms: joining never reveals that a
 * private room exists. Joining twice changes nothing. The room row is locked
 * so the change feed and `room:member_added` see one member list; the new
 * member starts with the history read, as anyone added.
 */
export default class JoinRoom {
  static async handle(actor: Actor, roomId: string) {
    const { room, added } = await committedTransaction(async (trx) => {
      const target = await Room.query({ client: trx })
        .withScopes((s) => s.forOrg(actor.organization.id))
        .where('rooms.id', roomId)
        .where('rooms.visibility', 'public')
        .where('rooms.type', 'group')
        .whereNull('rooms.archived_at')
        .forUpdate()
        .first()
      if (!target) throw roomNotFound()
      const joined = await insertMembers(trx, target, [{ userId: actor.user.id, role: 'member' }])
      if (joined.length) {
        const everyone = await RoomMember.query({ client: trx }).where('room_id', target.id)
        await recordRoomChanges(trx, {
          organizationId: target.organizationId,
          roomId: target.id,
          userIds: everyone.map((row) => row.userId),
        })
      }
      return { room: target, added: joined }
    })
    const view = await roomView(actor, room)
    if (added.length) {
      emitter.emit('room:member_added', {
        organizationId: room.organizationId,
        roomId: room.id,
        userIds: added,
        room: view,
      })
    }
    return { view, joined: added.length > 0 }
  }
}

/** 422 on `visibility`: everyone in the organization may join a public room, so it cannot be end-to-end encrypted. */
export function publicEncryptedRoom() {
  return new AppException('An end-to-end encrypted room cannot be public', {
    status: 422,
    code: 'E_VALIDATION_ERROR',
    field: 'visibility',
  })
}
