import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { table } from '../output.js'

/** An outgoing webhook as admins see it (never its secret after creation). */
export interface WebhookRow {
  id: string
  organizationId: string
  url: string
  events: string[]
  consecutiveFailures: number
  roomIds: string[] | null
  enabled: boolean
  disabledAt: string | null
  disabledReason: string | null
  createdById: string | null
  createdAt: string
  updatedAt: string
}

/** Lists an organization's outgoing webhooks. */
export default class WebhookList extends ServerCommand<WebhookRow[]> {
  static summary = "List an organization's outgoing webhooks, and why any is disabled."
  static description = describe(
    'A webhook is disabled after WEBHOOK_DISABLE_AFTER failed attempts in a row; REASON says why. Turn it back on with webhook enable.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme --json']
  static flags = { org: orgFlag() }

  async run() {
    const { flags } = await this.parse(WebhookList)
    const rows = await this.call<WebhookRow[]>(flags, 'webhook:list', { org: flags.org })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['URL', (r) => r.url],
        ['EVENTS', (r) => r.events.join(',')],
        ['ENABLED', (r) => (r.enabled ? 'yes' : 'no')],
        ['REASON', (r) => r.disabledReason ?? '-'],
      ])
    )
    return rows
  }
}
