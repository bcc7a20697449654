import { ServerCommand } from '../../server_command.js'
import { describe } from '../../errors.js'
import { orgFlag } from '../../flags.js'
import { table } from '../../output.js'

/** An incoming webhook as admins see it (its secret URL only when created). */
export interface IncomingWebhookRow {
  id: string
  organizationId: string
  roomId: string
  botId: string
  name: string
  createdById: string | null
  lastUsedAt: string | null
  createdAt: string
}

/** Lists an organization's incoming webhooks. */
export default class WebhookIncomingList extends ServerCommand<IncomingWebhookRow[]> {
  static summary = "List an organization's incoming webhooks (never their secret URLs)."
  static description = describe('Each posts into one room as one bot; LAST USED is the last post.')
  static examples = ['<%= config.bin %> <%= command.id %> --org acme --json']
  static flags = { org: orgFlag() }

  async run() {
    const { flags } = await this.parse(WebhookIncomingList)
    const rows = await this.call<IncomingWebhookRow[]>(flags, 'webhook:incoming:list', {
      org: flags.org,
    })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['NAME', (r) => r.name],
        ['ROOM', (r) => r.roomId],
        ['BOT', (r) => r.botId],
        ['LAST USED', (r) => r.lastUsedAt ?? '-'],
      ])
    )
    return rows
  }
}
