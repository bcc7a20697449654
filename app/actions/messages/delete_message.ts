import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import { ForbiddenException } from '#exceptions/app_exception'
import { bouncerFor } from '#services/authorizer'
import { deleteMediaForMessage } from '#services/media_storage'
import { findMessageForMember, nextChangeSeq } from '#domain/messages/message_access'
import { auditActorId, recordAudit } from '#domain/audit/audit_log'

/**
 * Soft-deletes a message: its author, or an organization moderator and up.
 * The body, its edit history, its mentions, reactions, pin and search terms and its files are removed (the
 * files once the transaction commits); the row and its
 * `seq` stay as a tombstone, restamped with the room's next change number so
 * `?after=` syncs see the deletion. Deleting twice is a no-op.
 */
export default class DeleteMessage {
  static async handle(actor: Actor, messageId: string) {
    const deleted = await committedTransaction(async (trx) => {
      const { room, message } = await findMessageForMember(actor, messageId, trx)
      if (await bouncerFor(actor).with('MessagePolicy').denies('delete', message)) {
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
      await trx.from('message_reactions').where('message_id', message.id).delete()
      await trx.from('message_pins').where('message_id', message.id).delete()
      await trx.from('message_search').where('message_id', message.id).delete()
      await trx.from('message_previews').where('message_id', message.id).delete()
      await deleteMediaForMessage(message.id, trx)
      if (message.senderId !== actor.user.id) {
        await recordAudit(
          {
            action: 'message.deleted_by_moderator',
            organizationId: message.organizationId,
            actorUserId: auditActorId(actor),
            targetType: 'message',
            targetId: message.id,
            details: { roomId: room.id, senderId: message.senderId, seq: message.seq },
          },
          trx
        )
      }
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
