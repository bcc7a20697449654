import emitter from '@adonisjs/core/services/emitter'
import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import { findMessageForMember } from '#domain/messages/message_access'
import { restampMessage } from '#domain/messages/message_changes'
import { loadMessageExtras, reactionCount } from '#domain/messages/message_extras'
import { decryptBodies } from '#domain/messages/message_bodies'

/**
 * Removes the actor's own reaction (removing one that is not there changes
 * nothing). A removal restamps the message (`versionSeq`) and sends
 * `reaction_removed` after commit. Returns the message as the actor sees it.
 */
export default class RemoveReaction {
  static async handle(actor: Actor, messageId: string, input: { emoji: string }) {
    const { message, removed } = await committedTransaction(async (trx) => {
      const { message: target } = await findMessageForMember(actor, messageId, trx)
      const deleted = await trx
        .from('message_reactions')
        .where('message_id', target.id)
        .where('user_id', actor.user.id)
        .where('emoji', input.emoji)
        .delete()
      const count = Array.isArray(deleted) ? deleted.length : Number(deleted)
      if (!count) return { message: target, removed: false }
      await restampMessage(trx, target)
      return { message: target, removed: true }
    })
    await message.load('mentions')
    await Promise.all([decryptBodies([message]), loadMessageExtras([message], actor.user.id)])
    if (removed) {
      emitter.emit('reaction:removed', {
        organizationId: message.organizationId,
        roomId: message.roomId,
        messageId: message.id,
        userId: actor.user.id,
        emoji: input.emoji,
        versionSeq: message.versionSeq,
        count: reactionCount(message, input.emoji),
      })
    }
    return message
  }
}
