import emitter from '@adonisjs/core/services/emitter'
import { audit, auditIntegration } from '#domain/bots/audit'
import type { Actor } from '#types/actor'
import Webhook, { type WebhookEvent } from '#models/webhook'
import { authorize } from '#services/authorizer'
import { assertOrgRooms, newSigningSecret } from '#domain/webhooks/webhook_lookup'

export interface CreateWebhookInput {
  url: string
  events: WebhookEvent[]
  roomIds?: string[]
}

/**
 * Subscribes a URL to events of the actor's organization (owners and
 * admins), optionally only those of some of its rooms (another
 * organization's room is 404). The signing secret is in the answer once;
 * it is stored sealed with APP_KEY. The URL's address is checked against
 * the SSRF rules on every delivery (a name can resolve elsewhere later).
 */
export default class CreateWebhook {
  static async handle(actor: Actor, input: CreateWebhookInput) {
    await authorize(actor, 'manageOrgSettings')
    await assertOrgRooms(actor.organization.id, input.roomIds)
    const { secret, sealed } = newSigningSecret()
    const webhook = await Webhook.create({
      organizationId: actor.organization.id,
      url: input.url,
      events: input.events,
      roomIds: input.roomIds ?? null,
      secretSealed: sealed,
      consecutiveFailures: 0,
      createdById: actor.user.id,
    })
    await auditIntegration(
      actor,
      'webhook.created',
      { type: 'webhook', id: webhook.id },
      { url: webhook.url, events: webhook.events }
    )
    emitter.emit('webhook:created', audit(actor, webhook.id))
    return { webhook, secret }
  }
}
