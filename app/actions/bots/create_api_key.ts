import emitter from '@adonisjs/core/services/emitter'
import User from '#models/user'
import { audit, auditIntegration } from '#domain/bots/audit'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { findBot } from '#domain/bots/bot_lookup'
import type { ApiKeyRow } from '#types/api_key'

export interface CreateApiKeyInput {
  name: string
}

/**
 * Issues an API key for a bot of the actor's organization (owners and
 * admins). The secret is in the answer once; only its hash is stored. The
 * key is a bot's access token: it works on REST, sockets and SSE, inside the
 * bot's organization only, until revoked.
 */
export default class CreateApiKey {
  static async handle(actor: Actor, botId: string, input: CreateApiKeyInput) {
    await authorize(actor, 'manageOrgSettings')
    const bot = await findBot(actor.organization.id, botId)
    const token = await User.botKeys.create(bot, ['*'], { name: input.name })
    const key: ApiKeyRow & { secret: string } = {
      id: String(token.identifier),
      name: token.name,
      lastUsedAt: null,
      createdAt: token.createdAt,
      secret: token.value!.release(),
    }
    await auditIntegration(
      actor,
      'api_key.created',
      { type: 'api_key', id: key.id },
      { botId: bot.id, name: key.name }
    )
    emitter.emit('api_key:created', { ...audit(actor, key.id), botId: bot.id })
    return { bot, key }
  }
}
