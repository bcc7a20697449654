import { Args } from '@oclif/core'
import { ServerCommand } from '../../server_command.js'
import { describe } from '../../errors.js'
import { confirmFlag, orgFlag } from '../../flags.js'

/** What `webhook incoming delete` reports. */
export interface IncomingWebhookDeleted {
  id: string
  deleted: true
}

/** Deletes an incoming webhook. */
export default class WebhookIncomingDelete extends ServerCommand<IncomingWebhookDeleted> {
  static summary = 'Delete an incoming webhook: its URL answers 404 at once.'
  static description = describe('Needs --confirm.')
  static examples = ['<%= config.bin %> <%= command.id %> --org acme 6e5d…-hook-id --confirm']
  static args = { hook: Args.string({ description: 'Incoming webhook id.', required: true }) }
  static flags = { org: orgFlag(), confirm: confirmFlag() }

  async run() {
    const { args, flags } = await this.parse(WebhookIncomingDelete)
    this.requireConfirm(flags.confirm, 'Deleting an incoming webhook')
    const result = await this.call<IncomingWebhookDeleted>(flags, 'webhook:incoming:delete', {
      org: flags.org,
      hook: args.hook,
    })
    this.log(`Deleted incoming webhook ${result.id}`)
    return result
  }
}
