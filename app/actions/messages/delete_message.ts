import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import { ForbiddenException } from '#exceptions/app_exception'
import { bouncerFor } from '#services/authorizer'
import { deleteMediaForMessage } from '#services/media_storage'
import { findMessageForMember, nextChangeSeq } from '#domain/messages/message_access'

/**
 * Soft-deletes a message: its author, or an organization moderator and up.
 * The body, its edit history, its mentions and its files are removed (the
 * files once the transaction commits); the row and its
 * `seq` stay as a tombstone, restamped with the room's next change number so
 * `?after=` syncs see the deletion. Deleting twice is a no-op.
 */
export default class DeleteMessage {
  static async handle(actor: Actor, messageId: string) {
    const deleted = await committedTransaction(async (trx) => {
      const { room, message } = await findMessageForMember(actor, messageId, trx)
      const own = message.senderId === actor.user.id
      const policy = bouncerFor(actor).with('OrganizationPolicy')
      if (!own && (await policy.denies('can', 'deleteOthersMessages'))) {
        throw new ForbiddenException('Only the author or a moderator can delete a message')
      }
      if (message.deletedAt) return null
      message.useTransaction(trx).merge({
        deletedAt: DateTime.now(),
        bodyCiphertext: null,
        bodyKeyId: null,
        encryptedPayload: null,
        versionSeq: await nextChangeSeq(trx, room.id),
      })
      await message.save()
      await trx.from('message_edits').where('message_id', message.id).delete()
      await trx.from('message_mentions').where('message_id', message.id).delete()
      await deleteMediaForMessage(message.id, trx)
      return message
    })
    if (deleted) {
      emitter.emit('message:deleted', {
        organizationId: deleted.organizationId,
        roomId: deleted.roomId,
        messageId: deleted.id,
        seq: deleted.seq,
      })
    }
  }
}
