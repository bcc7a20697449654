import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'

/** A new admin token; `token` is shown only now. */
export interface TokenCreateResult {
  id: number
  name: string
  userId: string
  token: string
  createdAt: string
  expiresAt: string | null
}

/** Issues an admin token. */
export default class TokenCreate extends ServerCommand<TokenCreateResult> {
  static summary = 'Create an admin token for remote chatctl.'
  static description = describe(
    'For an account with the server-wide admin role (user create --admin). Use it as --token or CHATCTL_TOKEN with --url / CHATCTL_URL. Printed once; revoke it with token revoke <id>.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --user ops@acme.test',
    '<%= config.bin %> <%= command.id %> --user ops --name laptop --expires-in-days 30 --json',
  ]
  static flags = {
    'user': Flags.string({
      char: 'u',
      summary: 'Admin account: id, email or username.',
      required: true,
    }),
    'name': Flags.string({ summary: 'Label of the token.' }),
    'expires-in-days': Flags.integer({
      summary: 'Lifetime in days (none: until revoked).',
      min: 1,
      max: 3650,
    }),
  }

  async run() {
    const { flags } = await this.parse(TokenCreate)
    const token = await this.call<TokenCreateResult>(flags, 'token:create', {
      user: flags.user,
      name: flags.name,
      expiresInDays: flags['expires-in-days'],
    })
    this.log(details({ id: token.id, name: token.name, expiresAt: token.expiresAt }))
    this.log(`\nAdmin token (shown once): ${token.token}`)
    return token
  }
}
