import emitter from '@adonisjs/core/services/emitter'
import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import { ConflictException } from '#exceptions/app_exception'
import { bouncerFor } from '#services/authorizer'
import { findMessageForMember, roomArchived } from '#domain/messages/message_access'
import { messageDeleted, restampMessage } from '#domain/messages/message_changes'
import { loadMessageExtras } from '#domain/messages/message_extras'
import { decryptBodies } from '#domain/messages/message_bodies'
import { MAX_PINS_PER_ROOM } from '#validators/conversations'

function tooManyPins() {
  return new ConflictException(
    `A room holds at most ${MAX_PINS_PER_ROOM} pinned messages`,
    'E_TOO_MANY_PINS'
  )
}

/**
 * Pins a message: room admins and moderators and up in group rooms, the
 * author in direct rooms (MessagePolicy). Pinning a pinned message changes
 * nothing. A pin restamps the message (`versionSeq`) and sends
 * `message_pinned` after commit. Returns the message as the actor sees it.
 */
export default class PinMessage {
  static async handle(actor: Actor, messageId: string) {
    const { message, pinned } = await committedTransaction(async (trx) => {
      const { room, member, message: target } = await findMessageForMember(actor, messageId, trx)
      await bouncerFor(actor).with('MessagePolicy').authorize('pin', room, member, target)
      if (target.deletedAt) throw messageDeleted()
      if (room.archivedAt) throw roomArchived()
      const count = await trx.from('message_pins').where('room_id', room.id).count('* as total')
      if (Number(count[0].total) >= MAX_PINS_PER_ROOM) {
        const mine = await trx.from('message_pins').where('message_id', target.id).first()
        if (!mine) throw tooManyPins()
      }
      const inserted = await trx.rawQuery(
        `INSERT INTO message_pins (message_id, organization_id, room_id, pinned_by_id, pinned_at)
         VALUES (?, ?, ?, ?, now()) ON CONFLICT DO NOTHING RETURNING message_id`,
        [target.id, target.organizationId, target.roomId, actor.user.id]
      )
      if (!inserted.rows.length) return { message: target, pinned: false }
      await restampMessage(trx, target, 'pin')
      return { message: target, pinned: true }
    })
    await message.load('mentions')
    await Promise.all([decryptBodies([message]), loadMessageExtras([message], actor.user.id)])
    if (pinned) {
      emitter.emit('message:pinned', {
        organizationId: message.organizationId,
        roomId: message.roomId,
        message,
        pinnedById: actor.user.id,
      })
    }
    return message
  }
}
