import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { auditIntegration } from '#domain/bots/audit'
import { findCommand } from '#domain/commands/command_lookup'
import { assertOrgRooms } from '#domain/webhooks/webhook_lookup'

export interface UpdateCommandInput {
  url?: string
  /** null or empty: no description. */
  description?: string | null
  /** null or empty: no usage hint. */
  usageHint?: string | null
  /** null: every room of the organization. */
  roomIds?: string[] | null
}

/**
 * Changes a slash command's endpoint, description, usage hint or room
 * restriction (owners and admins); its name, bot and signing secret stay.
 * Another organization's command or room is 404. Audited
 * (`command.updated`, naming the fields that changed) when something changed.
 */
export default class UpdateCommand {
  static async handle(actor: Actor, commandId: string, input: UpdateCommandInput) {
    await authorize(actor, 'manageOrgSettings')
    const command = await findCommand(actor.organization.id, commandId)
    if (input.roomIds) await assertOrgRooms(actor.organization.id, input.roomIds)
    if (input.url !== undefined) command.url = input.url
    if (input.description !== undefined) command.description = input.description || null
    if (input.usageHint !== undefined) command.usageHint = input.usageHint || null
    if (input.roomIds !== undefined) command.roomIds = input.roomIds
    const changed = Object.keys(command.$dirty).sort()
    if (!changed.length) return command
    await command.save()
    await auditIntegration(
      actor,
      'command.updated',
      { type: 'command', id: command.id },
      { name: command.name, changed }
    )
    return command
  }
}
