import emitter from '@adonisjs/core/services/emitter'
import { DateTime } from 'luxon'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { audit, auditIntegration } from '#domain/bots/audit'
import { findWebhook, newSigningSecret } from '#domain/webhooks/webhook_lookup'

/** How long the replaced secret still signs deliveries, unless the rotation says otherwise. */
export const DEFAULT_GRACE_SECONDS = 24 * 3600

/**
 * Replaces a webhook's signing secret (owners and admins); the new one is
 * in the answer once. For `graceSeconds` (default a day; 0: none) the
 * replaced secret keeps signing too: deliveries then carry two `v1`
 * signatures, the new secret's first, so a receiver can switch secrets
 * without refusing a delivery. A second rotation ends the first one's
 * grace. Audited (`webhook.secret_rotated`, never with a secret).
 */
export default class RotateWebhookSecret {
  static async handle(actor: Actor, webhookId: string, input: { graceSeconds?: number }) {
    await authorize(actor, 'manageOrgSettings')
    const webhook = await findWebhook(actor.organization.id, webhookId)
    const graceSeconds = input.graceSeconds ?? DEFAULT_GRACE_SECONDS
    const { secret, sealed } = newSigningSecret()
    webhook.merge({
      previousSecretSealed: graceSeconds > 0 ? webhook.secretSealed : null,
      previousSecretExpiresAt:
        graceSeconds > 0 ? DateTime.now().plus({ seconds: graceSeconds }) : null,
      secretSealed: sealed,
    })
    await webhook.save()
    await auditIntegration(
      actor,
      'webhook.secret_rotated',
      { type: 'webhook', id: webhook.id },
      { graceSeconds }
    )
    emitter.emit('webhook:updated', audit(actor, webhook.id))
    return { webhook, secret }
  }
}
