import { Args, Flags } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { ChatctlError, describe, EXIT_CODES } from '../errors.js'
import { confirmFlag } from '../flags.js'
import { table } from '../output.js'

/** What revoking one admin token reports. */
export interface TokenRevoked {
  id: number
  userId: string
  revoked: boolean
}

/** Revokes admin tokens, by id or every one of an account. */
export default class TokenRevoke extends ServerCommand<BatchResult<TokenRevoked>> {
  static summary = 'Revoke admin tokens, by id or all of an account.'
  static description = describe(
    'The next request made with a revoked token is E_UNAUTHORIZED. --all revokes every admin token of the account in one step (the token running the command too, when it is one of them). Find ids with token list. Needs --confirm.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> 12 13 --confirm',
    '<%= config.bin %> <%= command.id %> --all ops@acme.test --confirm --json',
  ]
  /** Operations this command runs (the contract test checks every operation has a command). */
  static operations = ['token:revoke', 'token:revoke-all']
  static strict = false
  static args = {
    id: Args.string({ description: 'Token ids (from token list).', required: false }),
  }
  static flags = {
    confirm: confirmFlag(),
    all: Flags.string({
      summary: 'Revoke every admin token of this account (id, email or username).',
    }),
  }

  async run() {
    const { argv, flags } = await this.parse(TokenRevoke)
    const ids = argv as string[]
    if (Boolean(flags.all) === ids.length > 0) {
      throw new ChatctlError(
        'Give token ids or --all <user>, not both',
        'E_USAGE',
        EXIT_CODES.usage,
        ['Run token list to find ids.']
      )
    }
    this.requireConfirm(flags.confirm, 'Revoking a token')
    const result = flags.all
      ? await this.revokeAll(flags, flags.all)
      : await this.batch(ids, (id) =>
          this.call<TokenRevoked>(flags, 'token:revoke', { id: Number(id) })
        )
    this.log(table(result.succeeded, [['REVOKED', (r) => r.result.id]]))
    return result
  }

  private async revokeAll(
    flags: { all?: string; url?: string; token?: string; local: boolean },
    user: string
  ) {
    const revoked = await this.call<TokenRevoked[]>(flags, 'token:revoke-all', { user })
    if (!revoked.length) this.note(`${user} had no admin tokens`)
    const result: BatchResult<TokenRevoked> = {
      succeeded: revoked.map((token) => ({ item: String(token.id), result: token })),
      failed: [],
    }
    return result
  }
}
