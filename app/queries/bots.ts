import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { findBot } from '#domain/bots/bot_lookup'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'
import type { ApiKeyRow } from '#types/api_key'

/**
 * The read side of bots, shared by REST and chatctl (owners and admins
 * only: a bot list names credentials).
 */
export default class BotQueries {
  /** The organization's bots, oldest first. */
  static async list(actor: Actor) {
    await authorize(actor, 'manageOrgSettings')
    return User.query()
      .where('bot_organization_id', actor.organization.id)
      .orderBy('created_at')
      .orderBy('id')
  }

  /** One bot of the organization (404 for anything else). */
  static async show(actor: Actor, botId: string) {
    await authorize(actor, 'manageOrgSettings')
    return findBot(actor.organization.id, botId)
  }

  /** A bot of the organization by id or username (chatctl; 404 for anything else). */
  static async byRef(actor: Actor, ref: string) {
    if (isUuid(ref)) return this.show(actor, ref)
    await authorize(actor, 'manageOrgSettings')
    const bot = await User.query()
      .where('bot_organization_id', actor.organization.id)
      .whereRaw('lower(username) = lower(?)', [ref])
      .first()
    if (!bot) throw new NotFoundException('Bot not found')
    return bot
  }

  /** A bot's API keys, newest first, with when each was last used. */
  static async keys(actor: Actor, botId: string): Promise<ApiKeyRow[]> {
    const bot = await this.show(actor, botId)
    const rows = await db
      .from('auth_access_tokens')
      .where('tokenable_id', bot.id)
      .where('type', 'auth_token')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .select('id', 'name', 'last_used_at', 'created_at')
    return rows.map((row) => ({
      id: String(row.id),
      name: row.name,
      lastUsedAt: row.last_used_at,
      createdAt: row.created_at,
    }))
  }
}
