import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'
import type { UserRow } from './list.js'

/** What `user promote` reports. */
export interface AdminRoleChange {
  user: UserRow
  /** Admin tokens revoked (demote only). */
  tokensRevoked: number
}

/** Grant the server-wide admin role (chatctl remote mode, the admin API). */
export default class UserPromote extends ServerCommand<AdminRoleChange> {
  static summary = 'Grant the server-wide admin role (chatctl remote mode, the admin API).'
  static description = describe(
    'The account can then be issued admin tokens (token create). Organization roles are untouched. Doing it twice changes nothing.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> ops@acme.test',
    '<%= config.bin %> <%= command.id %> ops --json',
  ]
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }

  async run() {
    const { args, flags } = await this.parse(UserPromote)
    const change = await this.call<AdminRoleChange>(flags, 'user:promote', { user: args.user })
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
