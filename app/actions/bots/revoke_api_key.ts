import emitter from '@adonisjs/core/services/emitter'
import { audit, auditIntegration } from '#domain/bots/audit'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { NotFoundException } from '#exceptions/app_exception'
import { revokeSessions } from '#domain/auth/session_revocation'
import { findBot } from '#domain/bots/bot_lookup'

/** Key ids are integers (auth_access_tokens.id); anything else matches nothing. */
const KEY_ID = /^[1-9]\d{0,9}$/

/**
 * Revokes one API key of a bot of the actor's organization (owners and
 * admins) through the one revocation: requests with it are 401 at once and
 * its live sockets and SSE streams close on every node. A key of another
 * bot or organization is 404.
 */
export default class RevokeApiKey {
  static async handle(actor: Actor, botId: string, keyId: string) {
    await authorize(actor, 'manageOrgSettings')
    const bot = await findBot(actor.organization.id, botId)
    if (!KEY_ID.test(keyId) || Number(keyId) > 2_147_483_647) {
      throw new NotFoundException('API key not found')
    }
    const { tokenIds } = await revokeSessions({
      kind: 'token',
      tokenId: keyId,
      type: 'auth_token',
      userId: bot.id,
    })
    if (!tokenIds.length) throw new NotFoundException('API key not found')
    await auditIntegration(
      actor,
      'api_key.revoked',
      { type: 'api_key', id: keyId },
      { botId: bot.id }
    )
    emitter.emit('api_key:revoked', { ...audit(actor, keyId), botId: bot.id })
  }
}
