import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { table } from '../output.js'

/** One delivery of a webhook. */
export interface DeliveryRow {
  id: string
  webhookId: string
  event: string
  status: 'queued' | 'succeeded' | 'failed'
  attempts: number
  payload: Record<string, unknown>
  responseStatus: number | null
  lastError: string | null
  deliveredAt: string | null
  createdAt: string
}

/** Lists a webhook's latest deliveries. */
export default class WebhookDeliveries extends ServerCommand<DeliveryRow[]> {
  static summary = "List a webhook's latest deliveries and what became of each."
  static description = describe(
    'Newest first: queued (waiting or retrying), succeeded, or failed (retries exhausted, or the webhook was disabled), with attempts, the last HTTP status and error.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme 3c9d…-webhook-id --status failed',
  ]
  static args = { webhook: Args.string({ description: 'Webhook id.', required: true }) }
  static flags = {
    org: orgFlag(),
    status: Flags.string({
      summary: 'Only this status.',
      options: ['queued', 'succeeded', 'failed'],
    }),
  }

  async run() {
    const { args, flags } = await this.parse(WebhookDeliveries)
    const rows = await this.call<DeliveryRow[]>(flags, 'webhook:deliveries', {
      org: flags.org,
      webhook: args.webhook,
      status: flags.status,
    })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['EVENT', (r) => r.event],
        ['STATUS', (r) => r.status],
        ['ATTEMPTS', (r) => String(r.attempts)],
        ['HTTP', (r) => String(r.responseStatus ?? '-')],
        ['ERROR', (r) => r.lastError ?? '-'],
      ])
    )
    return rows
  }
}
