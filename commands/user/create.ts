import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'
import type { UserRow } from './list.js'

/** What `user create` returns. */
export interface UserCreateResult {
  user: UserRow
  oneTimePassword: string | null
}

/** Creates an account. */
export default class UserCreate extends ServerCommand<UserCreateResult> {
  static summary = 'Create an account.'
  static description = describe(
    'Without --password a one-time password is generated and printed once. --admin grants the server-wide admin role (needed for admin tokens and remote chatctl), which is not an organization role.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --email ops@acme.test --username ops --admin',
    '<%= config.bin %> <%= command.id %> --email bob@acme.test --username bob --json',
  ]
  static flags = {
    'email': Flags.string({ char: 'e', summary: 'Email.', required: true }),
    'username': Flags.string({ char: 'u', summary: 'Username (3–32 characters).', required: true }),
    'display-name': Flags.string({ summary: 'Display name.' }),
    'password': Flags.string({ summary: 'Password (8–128 characters); generated when omitted.' }),
    'admin': Flags.boolean({ summary: 'Grant the server-wide admin role.', default: false }),
  }

  async run() {
    const { flags } = await this.parse(UserCreate)
    const result = await this.call<UserCreateResult>(flags, 'user:create', {
      email: flags.email,
      username: flags.username,
      displayName: flags['display-name'],
      password: flags.password,
      admin: flags.admin,
    })
    this.log(
      details({
        id: result.user.id,
        username: result.user.username,
        email: result.user.email,
        admin: result.user.isAdmin,
      })
    )
    if (result.oneTimePassword)
      this.log(`\nOne-time password (shown once): ${result.oneTimePassword}`)
    return result
  }
}
