import emitter from '@adonisjs/core/services/emitter'
import { DateTime } from 'luxon'
import { audit } from '#domain/bots/audit'
import type { Actor } from '#types/actor'
import type { WebhookEvent } from '#models/webhook'
import { authorize } from '#services/authorizer'
import { findWebhook } from '#domain/webhooks/webhook_lookup'

export interface UpdateWebhookInput {
  url?: string
  events?: WebhookEvent[]
  enabled?: boolean
}

/**
 * Changes a webhook's URL or events, or turns it off and on (owners and
 * admins). Turning a disabled webhook on clears its failure count and
 * reason; turning it off keeps who did it as the reason.
 */
export default class UpdateWebhook {
  static async handle(actor: Actor, webhookId: string, input: UpdateWebhookInput) {
    await authorize(actor, 'manageOrgSettings')
    const webhook = await findWebhook(actor.organization.id, webhookId)
    if (input.url !== undefined) webhook.url = input.url
    if (input.events !== undefined) webhook.events = input.events
    if (input.enabled === true && webhook.disabledAt) {
      webhook.merge({ disabledAt: null, disabledReason: null, consecutiveFailures: 0 })
    }
    if (input.enabled === false && !webhook.disabledAt) {
      webhook.merge({
        disabledAt: DateTime.now(),
        disabledReason: `Disabled by ${actor.user.username}`,
      })
    }
    await webhook.save()
    emitter.emit('webhook:updated', audit(actor, webhook.id))
    return webhook
  }
}
