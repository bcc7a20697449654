import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { ChatctlError, describe, EXIT_CODES } from '../errors.js'
import { details } from '../output.js'
import type { UserRow } from './list.js'

/** Changes an account's email, username or display name. */
export default class UserUpdate extends ServerCommand<UserRow> {
  static summary = "Change an account's email, username or display name."
  static description = describe(
    'As a server admin: no current password is needed and no session ends. Email and username must be free (case-insensitively). --display-name "" clears the display name.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> ada --email ada@acme.example',
    '<%= config.bin %> <%= command.id %> ada@acme.test --username ada.l --display-name "Ada L." --json',
  ]
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }
  static flags = {
    'email': Flags.string({ summary: 'New email address.' }),
    'username': Flags.string({ summary: 'New username.' }),
    'display-name': Flags.string({ summary: 'New display name ("" clears it).' }),
  }

  async run() {
    const { args, flags } = await this.parse(UserUpdate)
    const displayName = flags['display-name']
    if (flags.email === undefined && flags.username === undefined && displayName === undefined) {
      throw new ChatctlError('Nothing to change', 'E_USAGE', EXIT_CODES.usage, [
        'Give --email, --username or --display-name.',
      ])
    }
    const user = await this.call<UserRow>(flags, 'user:update', {
      user: args.user,
      email: flags.email,
      username: flags.username,
      displayName: displayName === '' ? null : displayName,
    })
    this.log(details({ ...user }))
    return user
  }
}
