import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { limitFlag, orgFlag } from '../flags.js'
import { table } from '../output.js'

/** A room as admins see it (never its messages). */
export interface RoomRow {
  id: string
  organizationId: string
  type: string
  name: string | null
  encrypted: boolean
  memberCount: number
  lastSeq: number
  lastMessageAt: string | null
  archivedAt: string | null
  createdAt: string
}

/** Lists an organization's rooms. */
export default class RoomList extends ServerCommand<RoomRow[]> {
  static summary = "List an organization's rooms."
  static description = describe(
    'Group and direct rooms, oldest first, with member counts. Message content is never shown.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme',
    '<%= config.bin %> <%= command.id %> -o acme --archived --json',
  ]
  static flags = {
    org: orgFlag(),
    archived: Flags.boolean({
      summary: 'Only archived rooms (--no-archived: only active ones).',
      allowNo: true,
    }),
    limit: limitFlag(),
  }

  async run() {
    const { flags } = await this.parse(RoomList)
    const rows = await this.call<RoomRow[]>(flags, 'room:list', {
      org: flags.org,
      archived: flags.archived,
      limit: flags.limit,
    })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['TYPE', (r) => r.type],
        ['NAME', (r) => r.name],
        ['MEMBERS', (r) => r.memberCount],
        ['MESSAGES', (r) => r.lastSeq],
        ['ARCHIVED', (r) => r.archivedAt],
      ])
    )
    return rows
  }
}
