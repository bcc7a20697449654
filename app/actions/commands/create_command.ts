import type { Actor } from '#types/actor'
import SlashCommand from '#models/slash_command'
import { authorize } from '#services/authorizer'
import { isUniqueViolation } from '#services/unique_violation'
import { ConflictException } from '#exceptions/app_exception'
import { findBot } from '#domain/bots/bot_lookup'
import { auditIntegration } from '#domain/bots/audit'
import { assertOrgRooms, newSigningSecret } from '#domain/webhooks/webhook_lookup'

export interface CreateCommandInput {
  name: string
  url: string
  botId: string
  description?: string
  usageHint?: string
  roomIds?: string[]
}

/**
 * Registers a slash command (owners and admins): `/name` in the
 * organization's rooms (or only in `roomIds`) is POSTed to `url`, signed
 * with a secret shown once (sealed with APP_KEY at rest); in-channel answers
 * are posted as `botId`, a bot of the organization. Another organization's
 * bot or room is 404; a name already taken is 409 E_COMMAND_EXISTS.
 * Audited (`command.created`).
 */
export default class CreateCommand {
  static async handle(actor: Actor, input: CreateCommandInput) {
    await authorize(actor, 'manageOrgSettings')
    const bot = await findBot(actor.organization.id, input.botId)
    await assertOrgRooms(actor.organization.id, input.roomIds)
    const { secret, sealed } = newSigningSecret()
    let command: SlashCommand
    try {
      command = await SlashCommand.create({
        organizationId: actor.organization.id,
        name: input.name,
        url: input.url,
        description: input.description || null,
        usageHint: input.usageHint || null,
        roomIds: input.roomIds ?? null,
        botId: bot.id,
        secretSealed: sealed,
        createdById: actor.user.id,
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      throw new ConflictException(`A /${input.name} command already exists`, 'E_COMMAND_EXISTS')
    }
    await auditIntegration(
      actor,
      'command.created',
      { type: 'command', id: command.id },
      { name: command.name, url: command.url }
    )
    return { command, secret }
  }
}
