import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'
import type { UserRow } from './list.js'

/** An account with its organizations. */
export type UserDetails = UserRow & {
  organizations: { id: string; slug: string; name: string; role: string }[]
}

/** Shows one account. */
export default class UserShow extends ServerCommand<UserDetails> {
  static summary = 'Show an account and its organizations.'
  static description = describe('An account by id, email or username.')
  static examples = [
    '<%= config.bin %> <%= command.id %> ada@acme.test',
    '<%= config.bin %> <%= command.id %> ada --json',
  ]
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }

  async run() {
    const { args, flags } = await this.parse(UserShow)
    const user = await this.call<UserDetails>(flags, 'user:show', { user: args.user })
    this.log(
      details({ ...user, organizations: user.organizations.map((o) => `${o.slug} (${o.role})`) })
    )
    return user
  }
}
