import emitter from '@adonisjs/core/services/emitter'
import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import { bouncerFor } from '#services/authorizer'
import { findMessageForMember } from '#domain/messages/message_access'
import { restampMessage } from '#domain/messages/message_changes'

/**
 * Unpins a message (whoever may pin it). Unpinning a message that is not
 * pinned changes nothing. An unpin restamps the message (`versionSeq`) and
 * sends `message_unpinned` after commit.
 */
export default class UnpinMessage {
  static async handle(actor: Actor, messageId: string) {
    const unpinned = await committedTransaction(async (trx) => {
      const { room, member, message } = await findMessageForMember(actor, messageId, trx)
      await bouncerFor(actor).with('MessagePolicy').authorize('pin', room, member, message)
      const deleted = await trx.from('message_pins').where('message_id', message.id).delete()
      const count = Array.isArray(deleted) ? deleted.length : Number(deleted)
      if (!count) return null
      await restampMessage(trx, message)
      return message
    })
    if (unpinned) {
      emitter.emit('message:unpinned', {
        organizationId: unpinned.organizationId,
        roomId: unpinned.roomId,
        messageId: unpinned.id,
        versionSeq: unpinned.versionSeq,
      })
    }
  }
}
