import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { table } from '../output.js'

/** A member of an organization, as the REST members list shows it. */
export interface MemberRow {
  userId: string
  organizationId: string
  role: string
  joinedAt: string
  user: { id: string; username: string; displayName: string | null }
}

/** Lists an organization's members. */
export default class MemberList extends ServerCommand<MemberRow[]> {
  static summary = "List an organization's members."
  static description = describe('Members with their roles, oldest first.')
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme',
    '<%= config.bin %> <%= command.id %> -o acme --json',
  ]
  static flags = { org: orgFlag() }

  async run() {
    const { flags } = await this.parse(MemberList)
    const rows = await this.call<MemberRow[]>(flags, 'member:list', { org: flags.org })
    this.log(
      table(rows, [
        ['USER ID', (r) => r.userId],
        ['USERNAME', (r) => r.user.username],
        ['ROLE', (r) => r.role],
        ['JOINED', (r) => r.joinedAt],
      ])
    )
    return rows
  }
}
