import emitter from '@adonisjs/core/services/emitter'
import { audit, auditIntegration } from '#domain/bots/audit'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { findWebhook } from '#domain/webhooks/webhook_lookup'

/** Deletes a webhook and its delivery history (owners and admins); queued deliveries are dropped. */
export default class DeleteWebhook {
  static async handle(actor: Actor, webhookId: string) {
    await authorize(actor, 'manageOrgSettings')
    const webhook = await findWebhook(actor.organization.id, webhookId)
    await webhook.delete()
    await auditIntegration(
      actor,
      'webhook.deleted',
      { type: 'webhook', id: webhook.id },
      { url: webhook.url }
    )
    emitter.emit('webhook:deleted', audit(actor, webhook.id))
    return webhook
  }
}
