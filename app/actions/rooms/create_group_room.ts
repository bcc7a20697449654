import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import { e2eDisabled } from '#domain/messages/message_access'
import { bouncerFor } from '#services/authorizer'
import e2eRooms from '#services/e2e_rooms'
import { assertOrgMembers } from '#domain/rooms/room_access'
import { insertRoom } from '#actions/rooms/room_writer'
import { roomView } from '#queries/room_views'
import type { RoomVisibility } from '#models/room'
import { publicEncryptedRoom } from '#actions/rooms/join_room'

export interface CreateGroupRoomInput {
  name: string
  description?: string
  memberIds: string[]
  encrypted?: boolean
  visibility?: RoomVisibility
}

/**
 * Creates a group room (channel) with the actor as its room admin and the
 * given organization members in it. Needs the `createGroupRooms` permission.
 * End-to-end encrypted rooms need a key directory (the `e2e-keys` plugin,
 * registered in `#services/e2e_rooms`): without it,
 * `encrypted: true` is refused (422 E_E2E_DISABLED) rather than silently
 * creating a room whose messages the server could read. A public room
 * (`visibility: 'public'`) can be found and joined by every member of the
 * organization, so it cannot be end-to-end encrypted.
 */
export default class CreateGroupRoom {
  static async handle(actor: Actor, input: CreateGroupRoomInput) {
    await bouncerFor(actor).with('RoomPolicy').authorize('create')
    if (input.encrypted && input.visibility === 'public') throw publicEncryptedRoom()
    if (input.encrypted && !e2eRooms.active) throw e2eDisabled()
    const others = input.memberIds.filter((id) => id !== actor.user.id)
    await assertOrgMembers(actor, others)
    const room = await committedTransaction((trx) =>
      insertRoom(trx, {
        organizationId: actor.organization.id,
        type: 'group',
        name: input.name,
        description: input.description ?? null,
        encrypted: input.encrypted ?? false,
        visibility: input.visibility ?? 'private',
        directKey: null,
        createdById: actor.user.id,
        members: [
          { userId: actor.user.id, role: 'admin' },
          ...others.map((userId) => ({ userId, role: 'member' as const })),
        ],
      })
    )
    const view = await roomView(actor, room)
    emitter.emit('room:created', {
      organizationId: room.organizationId,
      room: view,
      memberIds: [actor.user.id, ...others],
    })
    return view
  }
}
