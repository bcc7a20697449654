import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { auditIntegration } from '#domain/bots/audit'
import { findCommand } from '#domain/commands/command_lookup'

/** Removes a slash command (owners and admins): `/name` is unknown from then on. Audited. */
export default class DeleteCommand {
  static async handle(actor: Actor, commandId: string) {
    await authorize(actor, 'manageOrgSettings')
    const command = await findCommand(actor.organization.id, commandId)
    await command.delete()
    await auditIntegration(
      actor,
      'command.deleted',
      { type: 'command', id: command.id },
      { name: command.name }
    )
    return command
  }
}
