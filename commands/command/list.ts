import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { table } from '../output.js'

/** A slash command as admins see it (its signing secret only when created). */
export interface CommandRow {
  id: string
  organizationId: string
  name: string
  url: string
  botId: string
  createdById: string | null
  description: string | null
  usageHint: string | null
  roomIds: string[] | null
  createdAt: string
  updatedAt: string
}

/** Lists an organization's slash commands. */
export default class CommandList extends ServerCommand<CommandRow[]> {
  static summary = "List an organization's slash commands."
  static description = describe('ROOMS is "all" for a command available in every room.')
  static examples = ['<%= config.bin %> <%= command.id %> --org acme --json']
  static flags = { org: orgFlag() }

  async run() {
    const { flags } = await this.parse(CommandList)
    const rows = await this.call<CommandRow[]>(flags, 'command:list', { org: flags.org })
    this.log(
      table(rows, [
        ['NAME', (r) => `/${r.name}`],
        ['URL', (r) => r.url],
        ['BOT', (r) => r.botId],
        ['ROOMS', (r) => r.roomIds?.join(',') ?? 'all'],
        ['ID', (r) => r.id],
      ])
    )
    return rows
  }
}
