import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { table } from '../output.js'

/** An admin token as `token list` shows it (never the secret). */
export interface TokenRow {
  id: number
  name: string | null
  userId: string
  username: string
  email: string
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
}

/** Lists admin tokens. */
export default class TokenList extends ServerCommand<TokenRow[]> {
  static summary = 'List admin tokens (ids, owners, last use), never their secrets.'
  static description = describe(
    'Every admin token on the server, oldest first, or those of one account with --user. Revoke one with token revoke <id>, or all of an account with token revoke --all <user>.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --user ops@acme.test --json',
  ]
  static flags = {
    user: Flags.string({
      char: 'u',
      summary: 'Only tokens of this account: id, email or username.',
    }),
  }

  async run() {
    const { flags } = await this.parse(TokenList)
    const rows = await this.call<TokenRow[]>(flags, 'token:list', { user: flags.user })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['NAME', (r) => r.name],
        ['USER', (r) => r.username],
        ['CREATED', (r) => r.createdAt],
        ['LAST USED', (r) => r.lastUsedAt],
        ['EXPIRES', (r) => r.expiresAt],
      ])
    )
    return rows
  }
}
