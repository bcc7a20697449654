import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'
import type { UserRow } from './list.js'

/** What `user demote` reports. */
export interface AdminRoleChange {
  user: UserRow
  /** Admin tokens revoked (demote only). */
  tokensRevoked: number
}

/** Withdraw the server-wide admin role. */
export default class UserDemote extends ServerCommand<AdminRoleChange> {
  static summary = 'Withdraw the server-wide admin role.'
  static description = describe(
    'Its admin tokens are revoked at once (a later promotion does not revive them). Organization roles are untouched. Doing it twice changes nothing.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> ops@acme.test',
    '<%= config.bin %> <%= command.id %> ops --json',
  ]
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }

  async run() {
    const { args, flags } = await this.parse(UserDemote)
    const change = await this.call<AdminRoleChange>(flags, 'user:demote', { user: args.user })
    this.log(
      details({
        user: change.user.username,
        admin: change.user.isAdmin,
        tokensRevoked: change.tokensRevoked,
      })
    )
    return change
  }
}
