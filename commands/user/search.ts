import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { table } from '../output.js'
import type { UserRow } from './list.js'

/** Finds accounts by the start of their username or email. */
export default class UserSearch extends ServerCommand<UserRow[]> {
  static summary = 'Find accounts whose username or email starts with a term.'
  static description = describe(
    'Case-insensitive prefix search over every account on the server (deactivated ones included). The same as user list --search.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> ada',
    '<%= config.bin %> <%= command.id %> ops@ --limit 10 --json',
  ]
  static args = {
    term: Args.string({ description: 'Start of a username or email.', required: true }),
  }
  static flags = {
    limit: Flags.integer({
      summary: 'Maximum number of rows (1–500).',
      default: 100,
      min: 1,
      max: 500,
    }),
  }

  async run() {
    const { args, flags } = await this.parse(UserSearch)
    const rows = await this.call<UserRow[]>(flags, 'user:list', {
      search: args.term,
      limit: flags.limit,
    })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['USERNAME', (r) => r.username],
        ['EMAIL', (r) => r.email],
        ['ADMIN', (r) => (r.isAdmin ? 'yes' : '')],
      ])
    )
    return rows
  }
}
