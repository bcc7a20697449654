import { BaseTransformer } from '@adonisjs/core/transformers'
import type WebhookDelivery from '#models/webhook_delivery'

/** One delivery: what was sent, how many attempts, and the last answer or error. */
export default class WebhookDeliveryTransformer extends BaseTransformer<WebhookDelivery> {
  toObject() {
    const delivery = this.resource
    return {
      ...this.pick(delivery, ['id', 'webhookId', 'event', 'status', 'attempts', 'payload']),
      responseStatus: delivery.responseStatus ?? null,
      lastError: delivery.lastError ?? null,
      deliveredAt: delivery.deliveredAt?.toISO() ?? null,
      createdAt: delivery.createdAt.toISO()!,
    }
  }
}
