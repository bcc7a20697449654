import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag } from '../flags.js'
import type { UserRow } from './list.js'

/** Turns off an account's two-factor authentication. */
export default class UserReset2fa extends ServerCommand<UserRow> {
  static summary = "Reset an account's two-factor authentication."
  static description = describe(
    'For someone who lost both their authenticator and their recovery codes: the TOTP secret and recovery codes are deleted, so they log in with their password alone and can set 2FA up again (an organization that requires it refuses them until they do). Logged as an audit line. Needs --confirm.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> ada@acme.test --confirm']
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }
  static flags = { confirm: confirmFlag() }

  async run() {
    const { args, flags } = await this.parse(UserReset2fa)
    this.requireConfirm(flags.confirm, 'Resetting two-factor authentication')
    const user = await this.call<UserRow>(flags, 'user:reset-2fa', { user: args.user })
    this.log(`Two-factor authentication of ${user.username} is off.`)
    return user
  }
}
