import User from '#models/user'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'

/**
 * A bot of the organization, or 404 E_NOT_FOUND: the one scoped lookup for
 * bots (another organization's bot, a person's id and a malformed id all
 * answer the same).
 */
export async function findBot(organizationId: string, botId: unknown) {
  if (!isUuid(botId)) throw new NotFoundException('Bot not found')
  const bot = await User.query()
    .where('bot_organization_id', organizationId)
    .where('id', botId)
    .first()
  if (!bot) throw new NotFoundException('Bot not found')
  return bot
}
