import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag } from '../flags.js'
import { table } from '../output.js'

/** What revoking one admin token reports. */
export interface TokenRevoked {
  id: number
  userId: string
  revoked: boolean
}

/** Revokes admin tokens. */
export default class TokenRevoke extends ServerCommand<BatchResult<TokenRevoked>> {
  static summary = 'Revoke admin tokens.'
  static description = describe(
    'The next request made with a revoked token is E_UNAUTHORIZED. Needs --confirm.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> 12 13 --confirm']
  static strict = false
  static args = {
    id: Args.string({ description: 'Token ids (from token create).', required: true }),
  }
  static flags = { confirm: confirmFlag() }

  async run() {
    const { argv, flags } = await this.parse(TokenRevoke)
    this.requireConfirm(flags.confirm, 'Revoking a token')
    const result = await this.batch(argv as string[], (id) =>
      this.call<TokenRevoked>(flags, 'token:revoke', { id: Number(id) })
    )
    this.log(table(result.succeeded, [['REVOKED', (r) => r.result.id]]))
    return result
  }
}
