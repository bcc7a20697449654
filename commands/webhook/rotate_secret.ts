import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import type { WebhookRow } from './list.js'

/** Replaces a webhook's signing secret. */
export default class WebhookRotateSecret extends ServerCommand<WebhookRow & { secret: string }> {
  static summary = "Replace a webhook's signing secret and print the new one (shown once)."
  static description = describe(
    "During the grace period (--grace-seconds, default 86400; 0 for none) deliveries carry two v1 signatures in X-Parley-Signature: the new secret's first, then the previous one's. Receivers accept a delivery when any v1 matches, so they can switch secrets without refusing one."
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme 3c9d…-webhook-id',
    '<%= config.bin %> <%= command.id %> --org acme 3c9d…-webhook-id --grace-seconds 0 --json',
  ]
  static args = { webhook: Args.string({ description: 'Webhook id.', required: true }) }
  static flags = {
    'org': orgFlag(),
    'grace-seconds': Flags.integer({
      summary: 'How long the previous secret keeps signing too (seconds, up to a week).',
      min: 0,
    }),
  }

  async run() {
    const { args, flags } = await this.parse(WebhookRotateSecret)
    const webhook = await this.call<WebhookRow & { secret: string }>(
      flags,
      'webhook:rotate-secret',
      { org: flags.org, webhook: args.webhook, graceSeconds: flags['grace-seconds'] }
    )
    this.log(`Webhook ${webhook.id}, new signing secret: ${webhook.secret}`)
    return webhook
  }
}
