import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { limitFlag } from '../flags.js'
import { table } from '../output.js'

/** One account as admins see it. */
export interface UserRow {
  id: string
  username: string
  displayName: string | null
  email: string
  isAdmin: boolean
  activeOrganizationId: string | null
  deactivatedAt: string | null
  createdAt: string
}

/** Lists accounts. */
export default class UserList extends ServerCommand<UserRow[]> {
  static summary = 'List accounts.'
  static description = describe(
    'Every account on the server (deactivated ones included), by username.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --search ada --json',
  ]
  static flags = {
    search: Flags.string({ summary: 'Only usernames or emails starting with this.' }),
    limit: limitFlag(),
  }

  async run() {
    const { flags } = await this.parse(UserList)
    const rows = await this.call<UserRow[]>(flags, 'user:list', {
      search: flags.search,
      limit: flags.limit,
    })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['USERNAME', (r) => r.username],
        ['EMAIL', (r) => r.email],
        ['ADMIN', (r) => (r.isAdmin ? 'yes' : '')],
        ['DEACTIVATED', (r) => r.deactivatedAt],
      ])
    )
    return rows
  }
}
