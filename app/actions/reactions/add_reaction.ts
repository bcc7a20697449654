import emitter from '@adonisjs/core/services/emitter'
import { committedTransaction } from '#services/committed_transaction'
import type { Actor } from '#types/actor'
import { ConflictException } from '#exceptions/app_exception'
import { bouncerFor } from '#services/authorizer'
import { findMessageForMember, roomArchived } from '#domain/messages/message_access'
import { messageDeleted, restampMessage } from '#domain/messages/message_changes'
import { loadMessageExtras, reactionCount } from '#domain/messages/message_extras'
import { decryptBodies } from '#domain/messages/message_bodies'
import { MAX_DISTINCT_REACTIONS } from '#validators/conversations'

function tooManyReactions() {
  return new ConflictException(
    `A message holds at most ${MAX_DISTINCT_REACTIONS} different reactions`,
    'E_TOO_MANY_REACTIONS'
  )
}

/**
 * Adds the actor's reaction to a message (any member of its room, also in
 * end-to-end encrypted rooms: a reaction is metadata the server counts, not
 * content). Adding the same one twice changes nothing. A new reaction
 * restamps the message (`versionSeq`) and sends `reaction_added` after
 * commit. Returns the message as the actor now sees it.
 */
export default class AddReaction {
  static async handle(actor: Actor, messageId: string, input: { emoji: string }) {
    const { message, added } = await committedTransaction(async (trx) => {
      const { room, member, message: target } = await findMessageForMember(actor, messageId, trx)
      await bouncerFor(actor).with('MessagePolicy').authorize('react', member)
      if (target.deletedAt) throw messageDeleted()
      if (room.archivedAt) throw roomArchived()
      const distinct = await trx
        .from('message_reactions')
        .where('message_id', target.id)
        .select('emoji')
        .groupBy('emoji')
      const emojis = distinct.map((row: { emoji: string }) => row.emoji)
      if (!emojis.includes(input.emoji) && emojis.length >= MAX_DISTINCT_REACTIONS) {
        throw tooManyReactions()
      }
      const inserted = await trx.rawQuery(
        `INSERT INTO message_reactions (message_id, user_id, emoji, organization_id, room_id, created_at)
         VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT DO NOTHING RETURNING message_id`,
        [target.id, actor.user.id, input.emoji, target.organizationId, target.roomId]
      )
      if (!inserted.rows.length) return { message: target, added: false }
      await restampMessage(trx, target, 'reactions')
      return { message: target, added: true }
    })
    await message.load('mentions')
    await Promise.all([decryptBodies([message]), loadMessageExtras([message], actor.user.id)])
    if (added) {
      emitter.emit('reaction:added', {
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
