import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { auditIntegration } from '#domain/bots/audit'
import { findCommand } from '#domain/commands/command_lookup'
import { newSigningSecret } from '#domain/webhooks/webhook_lookup'

/**
 * Replaces a slash command's signing secret (owners and admins); the new
 * one is in the answer once and signs every call from then on. No grace
 * period, unlike webhooks: a call is made while the member waits, so the
 * operator updates the endpoint's secret and the next call proves it.
 * Another organization's command is 404. Audited (`command.secret_rotated`,
 * never with a secret).
 */
export default class RotateCommandSecret {
  static async handle(actor: Actor, commandId: string) {
    await authorize(actor, 'manageOrgSettings')
    const command = await findCommand(actor.organization.id, commandId)
    const { secret, sealed } = newSigningSecret()
    command.secretSealed = sealed
    await command.save()
    await auditIntegration(
      actor,
      'command.secret_rotated',
      { type: 'command', id: command.id },
      { name: command.name }
    )
    return { command, secret }
  }
}
