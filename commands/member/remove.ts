import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag, orgFlag } from '../flags.js'
import { table } from '../output.js'

/** What removing one member reports. */
export interface MemberRemoved {
  organizationId: string
  userId: string
  removed: boolean
}

/** Removes members from an organization. */
export default class MemberRemove extends ServerCommand<BatchResult<MemberRemoved>> {
  static summary = 'Remove members from an organization (destructive).'
  static description = describe(
    'Their sockets leave the organization at once (remote mode). The last owner cannot be removed (E_LAST_OWNER). Needs --confirm.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme bob carol --confirm']
  static strict = false
  static args = {
    user: Args.string({ description: 'User ids, emails or usernames.', required: true }),
  }
  static flags = { org: orgFlag(), confirm: confirmFlag() }

  async run() {
    const { argv, flags } = await this.parse(MemberRemove)
    this.requireConfirm(flags.confirm, 'Removing a member')
    const result = await this.batch(argv as string[], (user) =>
      this.call<MemberRemoved>(flags, 'member:remove', { org: flags.org, user })
    )
    this.log(table(result.succeeded, [['REMOVED', (r) => r.item]]))
    return result
  }
}
