import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { table } from '../output.js'

/** A bot as its organization's admins see it. */
export interface BotRow {
  id: string
  username: string
  displayName: string | null
  avatarUrl: string | null
  lastSeenAt: string | null
  isBot: boolean
  organizationId: string
  createdById: string | null
  createdAt: string
}

/** Lists an organization's bots. */
export default class BotList extends ServerCommand<BotRow[]> {
  static summary = "List an organization's bot accounts."
  static description = describe(
    'Bots are accounts owned by one organization: no password, API keys only (bot key create), a member of that organization only.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme --json']
  static flags = { org: orgFlag() }

  async run() {
    const { flags } = await this.parse(BotList)
    const rows = await this.call<BotRow[]>(flags, 'bot:list', { org: flags.org })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['USERNAME', (r) => r.username],
        ['NAME', (r) => r.displayName ?? '-'],
        ['CREATED', (r) => r.createdAt],
      ])
    )
    return rows
  }
}
