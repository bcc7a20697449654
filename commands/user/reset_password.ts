import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag } from '../flags.js'
import type { UserRow } from './list.js'

/** What `user reset-password` returns. */
export interface ResetPasswordResult {
  user: UserRow
  oneTimePassword: string | null
  tokensRevoked: number
}

/** Sets a new password. */
export default class UserResetPassword extends ServerCommand<ResetPasswordResult> {
  static summary = "Reset an account's password."
  static description = describe(
    'Sets the given password, or a one-time password printed once, and revokes every API token of the account (its sessions end). Needs --confirm.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> ada@acme.test --confirm']
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }
  static flags = {
    password: Flags.string({ summary: 'New password (8–128 characters); generated when omitted.' }),
    confirm: confirmFlag(),
  }

  async run() {
    const { args, flags } = await this.parse(UserResetPassword)
    this.requireConfirm(flags.confirm, 'Resetting a password')
    const result = await this.call<ResetPasswordResult>(flags, 'user:reset-password', {
      user: args.user,
      password: flags.password,
    })
    this.log(`Password of ${result.user.username} reset; ${result.tokensRevoked} session(s) ended.`)
    if (result.oneTimePassword)
      this.log(`One-time password (shown once): ${result.oneTimePassword}`)
    return result
  }
}
