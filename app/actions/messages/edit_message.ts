import { DateTime } from 'luxon'
import { committedTransaction } from '#services/committed_transaction'
import emitter from '@adonisjs/core/services/emitter'
import MessageEdit from '#models/message_edit'
import type { Actor } from '#types/actor'
import { bouncerFor } from '#services/authorizer'
import { AppException, ConflictException, ForbiddenException } from '#exceptions/app_exception'
import { findMessageForMember, nextChangeSeq, roomArchived } from '#domain/messages/message_access'
import { encryptBody } from '#domain/messages/message_bodies'
import { resolveMentions, roomMemberIds, storeMentions } from '#domain/messages/mentions'
import { loadMessageExtras, markExtraKind } from '#domain/messages/message_extras'
import { indexBody } from '#domain/messages/message_search'
import MessageCipher from '#services/message_cipher'

/** Edits would put plaintext into an end-to-end encrypted room: they are refused there. */
function encryptedEdit() {
  return new AppException('Messages of end-to-end encrypted rooms cannot be edited', {
    status: 422,
    code: 'E_ENCRYPTED_ROOM',
    field: 'content',
  })
}

/**
 * Edits a message (its author only); not in end-to-end encrypted rooms. The previous body goes to
 * `message_edits`, still encrypted; the message is restamped with the room's
 * next change number so `?after=` syncs pick the edit up; mentions are
 * parsed again; its blind search index row follows the new body in the same
 * transaction. `message:edited` goes out after commit.
 */
export default class EditMessage {
  static async handle(actor: Actor, messageId: string, input: { content: string }) {
    const message = await committedTransaction(async (trx) => {
      const { room, message: target } = await findMessageForMember(actor, messageId, trx)
      if (await bouncerFor(actor).with('MessagePolicy').denies('edit', target)) {
        throw new ForbiddenException('Only the author can edit a message')
      }
      if (target.deletedAt)
        throw new ConflictException('This message was deleted', 'E_MESSAGE_DELETED')
      if (room.archivedAt) throw roomArchived()
      if (room.encrypted) throw encryptedEdit()
      const now = DateTime.now()
      await MessageEdit.create(
        {
          organizationId: target.organizationId,
          messageId: target.id,
          bodyCiphertext: target.bodyCiphertext!,
          bodyKeyId: target.bodyKeyId!,
          editedAt: now,
        },
        { client: trx }
      )
      const { keyId, ciphertext } = await encryptBody(room.id, input.content, trx)
      target.useTransaction(trx).merge({
        bodyCiphertext: ciphertext,
        bodyKeyId: keyId,
        editedAt: now,
        versionSeq: await nextChangeSeq(trx, room.id),
      })
      await target.save()
      await indexBody(trx, target, keyId, await MessageCipher.keyById(keyId, trx), input.content)
      const mentions = await resolveMentions({
        organization: actor.organization,
        senderId: actor.user.id,
        content: input.content,
        memberIds: await roomMemberIds(room.id, trx),
        client: trx,
      })
      await storeMentions(trx, target.organizationId, target.id, mentions)
      if (mentions.length) await markExtraKind(trx, target.id, 'mentions')
      return target
    })
    message.body = input.content
    await Promise.all([message.load('mentions'), loadMessageExtras([message], actor.user.id)])
    emitter.emit('message:edited', {
      organizationId: message.organizationId,
      roomId: message.roomId,
      message,
    })
    return message
  }
}
