import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import Webhook, { type WebhookEvent } from '#models/webhook'
import accessCache, { type WebhookSubscription } from '#services/access_cache'
import WebhookDelivery from '#models/webhook_delivery'
import jobs from '#services/jobs'
import { WEBHOOK_QUEUE, type WebhookJob } from '#domain/webhooks/delivery'

/** One organization event, shaped for webhooks by the listener. */
export interface WebhookEventInput {
  organizationId: string
  /** The room it happened in (null: an organization event, sent to unfiltered webhooks only). */
  roomId: string | null
  event: WebhookEvent
  data: Record<string, unknown>
}

/**
 * Queues one delivery per enabled webhook of the organization subscribed to
 * the event (and to its room, for filtered webhooks): the rows first, with
 * the exact body each attempt will send, then one job each. Runs after the
 * event's transaction committed, off the request's path. If the jobs cannot
 * be queued the deliveries are marked failed with the reason.
 */
export default class QueueWebhookDeliveries {
  /**
   * The enabled webhooks of an organization, kept per node like the access
   * cache (dropped on every node by the webhook events, else after its
   * interval), so an event of an organization without webhooks — the
   * common case, every message sent — reads nothing.
   */
  static async subscriptions(organizationId: string): Promise<WebhookSubscription[]> {
    const cached = accessCache.webhooks(organizationId)
    if (cached) return cached
    const epoch = accessCache.epoch
    const rows = await Webhook.query()
      .withScopes((s) => s.forOrg(organizationId))
      .whereNull('disabled_at')
      .select('id', 'events', 'room_ids')
    const webhooks = rows.map(({ id, events, roomIds }) => ({ id, events, roomIds }))
    accessCache.keepWebhooks(organizationId, webhooks, epoch)
    return webhooks
  }

  /** The enabled webhooks of the organization that want this event (of this room). */
  static async wanted(organizationId: string, event: WebhookEvent, roomId: string | null) {
    const webhooks = await this.subscriptions(organizationId)
    return webhooks.filter(
      (webhook) =>
        webhook.events.includes(event) &&
        (roomId ? !webhook.roomIds || webhook.roomIds.includes(roomId) : !webhook.roomIds)
    )
  }

  static async handle(input: WebhookEventInput) {
    const webhooks = await this.wanted(input.organizationId, input.event, input.roomId)
    if (!webhooks.length) return []
    const occurredAt = new Date().toISOString()
    const rows = webhooks.map((webhook) => {
      const id = randomUUID()
      const payload = {
        id,
        event: input.event,
        organizationId: input.organizationId,
        occurredAt,
        data: input.data,
      }
      return { id, webhook_id: webhook.id, payload }
    })
    // Only for webhooks still there and enabled: this node's list may lag a
    // change made on another node by the relay's latency.
    const inserted = await db.rawQuery(
      `INSERT INTO webhook_deliveries
         (id, organization_id, webhook_id, event, payload, status, attempts, created_at, updated_at)
       SELECT d.id, w.organization_id, w.id, ?, d.payload, 'queued', 0, now(), now()
       FROM jsonb_to_recordset(?::jsonb) AS d(id uuid, webhook_id uuid, payload jsonb)
       JOIN webhooks w ON w.id = d.webhook_id AND w.organization_id = ? AND w.disabled_at IS NULL
       RETURNING id`,
      [input.event, JSON.stringify(rows), input.organizationId]
    )
    const deliveries: string[] = inserted.rows.map((row: { id: string }) => row.id)
    if (!deliveries.length) return []
    try {
      await jobs.insert<WebhookJob>(
        WEBHOOK_QUEUE,
        deliveries.map((deliveryId) => ({ data: { deliveryId } }))
      )
    } catch (error) {
      logger.error(
        { err: error, organizationId: input.organizationId },
        'webhook deliveries could not be queued'
      )
      await WebhookDelivery.query()
        .whereIn('id', deliveries)
        .update({ status: 'failed', last_error: String((error as Error).message).slice(0, 500) })
    }
    return deliveries
  }
}
