import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import Room from '#models/room'
import type { Actor } from '#types/actor'
import { AppException } from '#exceptions/app_exception'
import { isUniqueViolation } from '#services/unique_violation'
import { assertOrgMembers } from '#domain/rooms/room_access'
import { insertRoom } from '#actions/rooms/room_writer'
import { roomView } from '#queries/room_views'

const DIRECT_KEY_INDEX = 'rooms_org_direct_key_unique'

/**
 * Opens the direct room between the actor and another member of the
 * organization: one per pair per organization, whoever opens it first. The
 * unique index on (organization_id, direct_key) decides under concurrency;
 * the loser of a race gets the winner's room. `created` says whether this
 * call made it (201) or found it (200).
 */
export default class CreateDirectRoom {
  static async handle(actor: Actor, input: { userId: string }) {
    if (input.userId === actor.user.id) {
      throw new AppException('You cannot open a direct room with yourself', {
        status: 422,
        code: 'E_VALIDATION_ERROR',
        field: 'userId',
      })
    }
    await assertOrgMembers(actor, [input.userId])
    const directKey = [actor.user.id, input.userId].sort().join(':')
    const existing = await this.find(actor, directKey)
    if (existing) return { room: await roomView(actor, existing), created: false }

    let room: Room
    try {
      room = await committedTransaction((trx) =>
        insertRoom(trx, {
          organizationId: actor.organization.id,
          type: 'direct',
          name: null,
          description: null,
          encrypted: false,
          directKey,
          createdById: actor.user.id,
          members: [
            { userId: actor.user.id, role: 'member' },
            { userId: input.userId, role: 'member' },
          ],
        })
      )
    } catch (error) {
      if (!isUniqueViolation(error, DIRECT_KEY_INDEX)) throw error
      return { room: await roomView(actor, (await this.find(actor, directKey))!), created: false }
    }
    const view = await roomView(actor, room)
    emitter.emit('room:created', {
      organizationId: room.organizationId,
      room: view,
      memberIds: [actor.user.id, input.userId],
    })
    return { room: view, created: true }
  }

  private static find(actor: Actor, directKey: string) {
    return Room.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('direct_key', directKey)
      .first()
  }
}
