import { Flags } from '@oclif/core'
import { ServerCommand } from '../../server_command.js'
import { describe } from '../../errors.js'
import { orgFlag } from '../../flags.js'
import { table } from '../../output.js'

/** An API key as listed (never its secret). */
export interface ApiKeyRow {
  id: string
  name: string | null
  lastUsedAt: string | null
  createdAt: string
}

/** The bot a key command acts on. */
export const botFlag = () =>
  Flags.string({ char: 'b', summary: 'Bot id or username.', required: true })

/** Lists a bot's API keys. */
export default class BotKeyList extends ServerCommand<ApiKeyRow[]> {
  static summary = "List a bot's API keys, with when each was last used."
  static description = describe('Secrets are never shown again after bot key create.')
  static examples = ['<%= config.bin %> <%= command.id %> --org acme --bot deploy-bot']
  static flags = { org: orgFlag(), bot: botFlag() }

  async run() {
    const { flags } = await this.parse(BotKeyList)
    const rows = await this.call<ApiKeyRow[]>(flags, 'bot:key:list', {
      org: flags.org,
      bot: flags.bot,
    })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['NAME', (r) => r.name ?? '-'],
        ['LAST USED', (r) => r.lastUsedAt ?? 'never'],
        ['CREATED', (r) => r.createdAt],
      ])
    )
    return rows
  }
}
