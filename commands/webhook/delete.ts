import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag, orgFlag } from '../flags.js'

/** What `webhook delete` reports. */
export interface WebhookDeleted {
  id: string
  deleted: true
}

/** Deletes a webhook. */
export default class WebhookDelete extends ServerCommand<WebhookDeleted> {
  static summary = 'Delete a webhook and its delivery history.'
  static description = describe('Needs --confirm. Deliveries still queued are dropped.')
  static examples = ['<%= config.bin %> <%= command.id %> --org acme 3c9d…-webhook-id --confirm']
  static args = { webhook: Args.string({ description: 'Webhook id.', required: true }) }
  static flags = { org: orgFlag(), confirm: confirmFlag() }

  async run() {
    const { args, flags } = await this.parse(WebhookDelete)
    this.requireConfirm(flags.confirm, 'Deleting a webhook')
    const result = await this.call<WebhookDeleted>(flags, 'webhook:delete', {
      org: flags.org,
      webhook: args.webhook,
    })
    this.log(`Deleted webhook ${result.id}`)
    return result
  }
}
