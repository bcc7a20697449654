import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { limitFlag } from '../flags.js'
import { table } from '../output.js'

/** One row of `org list`. */
export interface OrgRow {
  id: string
  name: string
  slug: string
  memberCount: number
  roomCount: number
  createdAt: string
}

/** Lists the organizations on the server. */
export default class OrgList extends ServerCommand<OrgRow[]> {
  static summary = 'List organizations.'
  static description = describe(
    'Every organization on the server, by name, with member and room counts.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --search acme --json',
  ]
  static flags = {
    search: Flags.string({ summary: 'Only names or slugs starting with this.' }),
    limit: limitFlag(),
  }

  async run() {
    const { flags } = await this.parse(OrgList)
    const rows = await this.call<OrgRow[]>(flags, 'org:list', {
      search: flags.search,
      limit: flags.limit,
    })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['SLUG', (r) => r.slug],
        ['NAME', (r) => r.name],
        ['MEMBERS', (r) => r.memberCount],
        ['ROOMS', (r) => r.roomCount],
      ])
    )
    return rows
  }
}
