import env from '#start/env'
import { BaseTransformer } from '@adonisjs/core/transformers'
import type IncomingWebhook from '#models/incoming_webhook'

/**
 * An incoming webhook as admins see it. Its secret URL only in `withUrl`,
 * right after creation (only the token's hash is stored).
 */
export default class IncomingWebhookTransformer extends BaseTransformer<IncomingWebhook> {
  constructor(
    resource: IncomingWebhook,
    protected token?: string
  ) {
    super(resource)
  }

  toObject() {
    const hook = this.resource
    return {
      ...this.pick(hook, ['id', 'organizationId', 'roomId', 'botId', 'name', 'createdById']),
      lastUsedAt: hook.lastUsedAt?.toISO() ?? null,
      createdAt: hook.createdAt.toISO()!,
    }
  }

  /** The hook with its secret URL and token: the only time they are shown. */
  withUrl() {
    const token = this.token ?? null
    const base = env.get('APP_URL', `http://localhost:${env.get('PORT')}`)
    return {
      ...this.toObject(),
      token,
      url: token ? `${base}/hooks/incoming/${token}` : null,
    }
  }
}
