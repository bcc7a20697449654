import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import type { WebhookRow } from './list.js'

/** Turns a disabled webhook back on. */
export default class WebhookEnable extends ServerCommand<WebhookRow> {
  static summary = 'Turn a disabled webhook back on (its failure count restarts).'
  static description = describe('Deliveries that failed while it was disabled are not resent.')
  static examples = ['<%= config.bin %> <%= command.id %> --org acme 3c9d…-webhook-id']
  static args = { webhook: Args.string({ description: 'Webhook id.', required: true }) }
  static flags = { org: orgFlag() }

  async run() {
    const { args, flags } = await this.parse(WebhookEnable)
    const webhook = await this.call<WebhookRow>(flags, 'webhook:enable', {
      org: flags.org,
      webhook: args.webhook,
    })
    this.log(`Webhook ${webhook.id} is enabled`)
    return webhook
  }
}
