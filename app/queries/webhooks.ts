import Webhook from '#models/webhook'
import WebhookDelivery, { type DeliveryStatus } from '#models/webhook_delivery'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { findWebhook } from '#domain/webhooks/webhook_lookup'

/** The read side of outgoing webhooks, shared by REST and chatctl (owners and admins). */
export default class WebhookQueries {
  /** The organization's webhooks, oldest first. */
  static async list(actor: Actor) {
    await authorize(actor, 'manageOrgSettings')
    return Webhook.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .orderBy('created_at')
      .orderBy('id')
  }

  /** One webhook of the organization (404 for anything else). */
  static async show(actor: Actor, webhookId: string) {
    await authorize(actor, 'manageOrgSettings')
    return findWebhook(actor.organization.id, webhookId)
  }

  /** A page of a webhook's deliveries, newest first, optionally of one status. */
  static async deliveries(
    actor: Actor,
    webhookId: string,
    filter: { page?: number; perPage?: number; status?: DeliveryStatus }
  ) {
    const webhook = await this.show(actor, webhookId)
    const query = WebhookDelivery.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('webhook_id', webhook.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    if (filter.status) query.where('status', filter.status)
    return query.paginate(filter.page ?? 1, filter.perPage ?? 25)
  }
}
