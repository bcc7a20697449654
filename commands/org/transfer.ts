import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { table } from '../output.js'

/** A member as `member list` shows it. */
interface MemberRow {
  role: string
  user: { username: string } & Record<string, unknown>
}

/** Hands an organization to another of its members. */
export default class OrgTransfer extends ServerCommand<MemberRow[]> {
  static summary =
    'Make a member the only owner of an organization (previous owners become admins).'
  static description = describe(
    'In one step: the member becomes the owner and every other owner becomes an admin, so the organization never lacks an owner. The new owner must already be a member (member add first). Prints the members afterwards.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> acme --to bob@acme.test',
    '<%= config.bin %> <%= command.id %> acme --to bob --json',
  ]
  static args = { org: Args.string({ description: 'Organization id or slug.', required: true }) }
  static flags = {
    to: Flags.string({ summary: 'The new owner: id, email or username.', required: true }),
  }

  async run() {
    const { args, flags } = await this.parse(OrgTransfer)
    const members = await this.call<MemberRow[]>(flags, 'org:transfer', {
      org: args.org,
      user: flags.to,
    })
    this.log(
      table(members, [
        ['USER', (m) => m.user.username],
        ['ROLE', (m) => m.role],
      ])
    )
    return members
  }
}
