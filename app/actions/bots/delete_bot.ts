import emitter from '@adonisjs/core/services/emitter'
import { audit, auditIntegration } from '#domain/bots/audit'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { committedTransaction } from '#services/committed_transaction'
import { revokeSessions } from '#domain/auth/session_revocation'
import { findBot } from '#domain/bots/bot_lookup'

/**
 * Deletes a bot of the actor's organization (owners and admins): its API
 * keys end at once through the one revocation (live sockets and SSE streams
 * close on every node), its memberships and incoming webhooks go with it,
 * and the messages it sent stay without a sender, as for a deleted account.
 */
export default class DeleteBot {
  static async handle(actor: Actor, botId: string) {
    await authorize(actor, 'manageOrgSettings')
    const bot = await findBot(actor.organization.id, botId)
    await committedTransaction(async (trx) => {
      await revokeSessions({ kind: 'account', userId: bot.id }, { trx })
      await trx.from('users').where('id', bot.id).delete()
      await auditIntegration(
        actor,
        'bot.deleted',
        { type: 'bot', id: bot.id },
        { username: bot.username },
        trx
      )
    })
    emitter.emit('org:member_removed', {
      organizationId: actor.organization.id,
      userId: bot.id,
      removedById: actor.user.id,
      reason: 'removed',
    })
    emitter.emit('bot:deleted', audit(actor, bot.id))
    return bot
  }
}
