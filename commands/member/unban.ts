import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'

/** What lifting a ban reports. */
interface Unbanned {
  organizationId: string
  userId: string
  unbanned: boolean
}

/** Lifts a ban. */
export default class MemberUnban extends ServerCommand<Unbanned> {
  static summary = 'Lift a ban: the person may be invited again.'
  static description = describe('A user with no ban in the organization is E_NOT_FOUND. Audited.')
  static examples = ['<%= config.bin %> <%= command.id %> bob --org acme']
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }
  static flags = { org: orgFlag() }

  async run() {
    const { args, flags } = await this.parse(MemberUnban)
    const result = await this.call<Unbanned>(flags, 'member:unban', {
      org: flags.org,
      user: args.user,
    })
    this.log(`${args.user} may be invited again`)
    return result
  }
}
