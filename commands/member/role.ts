import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag, roleFlag } from '../flags.js'
import type { MemberRow } from './list.js'

/** Changes a member's role. */
export default class MemberRole extends ServerCommand<MemberRow> {
  static summary = "Change a member's role."
  static description = describe('Demoting the last owner is E_LAST_OWNER.')
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme bob --role admin',
    '<%= config.bin %> <%= command.id %> -o acme bob -r member --json',
  ]
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }
  static flags = { org: orgFlag(), role: roleFlag({ required: true }) }

  async run() {
    const { args, flags } = await this.parse(MemberRole)
    const member = await this.call<MemberRow>(flags, 'member:role', {
      org: flags.org,
      user: args.user,
      role: flags.role,
    })
    this.log(`${member.user.username} is now ${member.role}.`)
    return member
  }
}
