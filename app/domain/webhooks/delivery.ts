import emitter from '@adonisjs/core/services/emitter'
import { DateTime } from 'luxon'
import encryption from '@adonisjs/core/services/encryption'
import logger from '@adonisjs/core/services/logger'
import type { Job } from 'pg-boss'
import type { QueueDefinition } from '#services/jobs'
import Webhook from '#models/webhook'
import WebhookDelivery from '#models/webhook_delivery'
import { signBody, SIGNATURE_HEADER } from '#services/webhook_signature'
import { postJson } from '#domain/webhooks/post_json'
import { outbound } from '#domain/webhooks/outbound'

/** The job that sends one webhook delivery. */
export const WEBHOOK_QUEUE = 'webhooks.deliver'

/** A delivery job: which delivery row to send (its body is on the row). */
export interface WebhookJob {
  deliveryId: string
}

/**
 * The delivery queue: one delivery per job, retried `retryLimit` times with
 * exponential backoff (pg-boss doubles `retryDelay` each time, up to an
 * hour). Settings are read when the queue is defined, at boot.
 */
export function webhookQueue(): QueueDefinition<WebhookJob> {
  return {
    name: WEBHOOK_QUEUE,
    queue: {
      retryLimit: outbound.retryLimit,
      retryDelay: outbound.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: 120,
      deleteAfterSeconds: 24 * 3600,
    },
    worker: {
      options: { batchSize: 1, pollingIntervalSeconds: 1 },
      handler: async (batch: Job<WebhookJob>[]) => {
        for (const job of batch) await deliver(job.data.deliveryId, job.retryCount)
      },
    },
  }
}

/**
 * One attempt at a delivery: the stored body, signed now (a retry carries a
 * fresh timestamp), POSTed under the SSRF rules. A 2xx settles it and
 * resets the webhook's failure count; anything else is recorded and
 * rethrown so pg-boss retries it, the last attempt marking it `failed`.
 * Each failed attempt counts against the webhook, which is disabled (with
 * the reason kept) after `disableAfter` in a row; its queued deliveries
 * then fail without being sent.
 */
export async function deliver(deliveryId: string, retryCount: number) {
  const delivery = await WebhookDelivery.find(deliveryId)
  if (!delivery || delivery.status !== 'queued') return
  const webhook = await Webhook.find(delivery.webhookId)
  if (!webhook) return
  if (webhook.disabledAt) {
    delivery.merge({ status: 'failed', lastError: 'The webhook is disabled' })
    return delivery.save()
  }
  delivery.attempts += 1
  const outcome = await attempt(webhook, delivery)
  if (outcome.ok) {
    delivery.merge({ status: 'succeeded', responseStatus: outcome.status, lastError: null })
    delivery.deliveredAt = DateTime.now()
    await delivery.save()
    if (webhook.consecutiveFailures)
      await Webhook.query().where('id', webhook.id).update({ consecutive_failures: 0 })
    return
  }
  const last = retryCount >= outbound.retryLimit
  delivery.merge({
    status: last ? 'failed' : 'queued',
    responseStatus: outcome.status,
    lastError: outcome.error.slice(0, 500),
  })
  await delivery.save()
  await countFailure(webhook, outcome.error)
  logger.info({ deliveryId, webhookId: webhook.id, last }, 'webhook delivery attempt failed')
  if (!last) throw new Error(outcome.error)
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string }

async function attempt(webhook: Webhook, delivery: WebhookDelivery): Promise<Outcome> {
  const body = JSON.stringify(delivery.payload)
  const secret = encryption.decrypt<string>(webhook.secretSealed)
  if (!secret)
    return { ok: false, status: null, error: 'The secret cannot be read (APP_KEY changed?)' }
  const headers = {
    [SIGNATURE_HEADER]: signBody(secret, Math.floor(Date.now() / 1000), body, previous(webhook)),
    'x-parley-event': delivery.event,
    'x-parley-delivery': delivery.id,
  }
  try {
    const answer = await postJson(webhook.url, body, headers, outbound)
    if (answer.status >= 200 && answer.status < 300) return { ok: true, status: answer.status }
    return { ok: false, status: answer.status, error: `The endpoint answered ${answer.status}` }
  } catch (error) {
    return { ok: false, status: null, error: String((error as Error)?.message ?? error) }
  }
}

/** The secret a rotation replaced, while its grace period lasts (it then signs too). */
function previous(webhook: Webhook) {
  const expires = webhook.previousSecretExpiresAt
  if (!webhook.previousSecretSealed || !expires || expires.toMillis() <= Date.now()) return
  return encryption.decrypt<string>(webhook.previousSecretSealed) ?? undefined
}

/** Counts a failed attempt, and disables the webhook once `disableAfter` failed in a row. */
async function countFailure(webhook: Webhook, error: string) {
  const [row] = await Webhook.query()
    .where('id', webhook.id)
    .increment('consecutive_failures', 1)
    .returning(['consecutive_failures', 'disabled_at'])
  const failures = Number(row?.consecutive_failures ?? 0)
  if (failures < outbound.disableAfter || row?.disabled_at) return
  const reason = `Disabled after ${failures} failed deliveries in a row; the last: ${error}`
  const changed = await Webhook.query()
    .where('id', webhook.id)
    .whereNull('disabled_at')
    .update({
      disabled_at: new Date(),
      disabled_reason: reason.slice(0, 500),
      updated_at: new Date(),
    })
  if (!Number(changed[0] ?? 0)) return
  emitter.emit('webhook:disabled', {
    organizationId: webhook.organizationId,
    actorId: null,
    targetId: webhook.id,
    reason: reason.slice(0, 500),
  })
}
