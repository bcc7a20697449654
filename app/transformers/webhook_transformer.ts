import { BaseTransformer } from '@adonisjs/core/transformers'
import type Webhook from '#models/webhook'

/**
 * An outgoing webhook as admins see it: whether it is enabled, and if not
 * why (`disabledReason`). The signing secret only in `withSecret`, once.
 */
export default class WebhookTransformer extends BaseTransformer<Webhook> {
  constructor(
    resource: Webhook,
    protected secret?: string
  ) {
    super(resource)
  }

  toObject() {
    const hook = this.resource
    return {
      ...this.pick(hook, ['id', 'organizationId', 'url', 'events', 'consecutiveFailures']),
      roomIds: hook.roomIds ?? null,
      enabled: !hook.disabledAt,
      disabledAt: hook.disabledAt?.toISO() ?? null,
      disabledReason: hook.disabledReason ?? null,
      createdById: hook.createdById,
      createdAt: hook.createdAt.toISO()!,
      updatedAt: hook.updatedAt.toISO()!,
    }
  }

  /** The webhook just created, with its signing secret: the only time it is shown. */
  withSecret() {
    return { ...this.toObject(), secret: this.secret ?? null }
  }
}
