import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag } from '../flags.js'
import { table } from '../output.js'
import type { UserRow } from './list.js'

/** Deactivate accounts. */
export default class UserDeactivate extends ServerCommand<BatchResult<UserRow>> {
  static summary = 'Deactivate accounts.'
  static description = describe(
    'A deactivated account cannot log in, and its API tokens are revoked. Each account succeeds or fails on its own.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> bob carol@acme.test --confirm']
  static strict = false
  static args = {
    user: Args.string({ description: 'User ids, emails or usernames.', required: true }),
  }
  static flags = { confirm: confirmFlag() }

  async run() {
    const { argv, flags } = await this.parse(UserDeactivate)
    this.requireConfirm(flags.confirm, 'Deactivating an account')
    const result = await this.batch(argv as string[], (user) =>
      this.call<UserRow>(flags, 'user:deactivate', { user })
    )
    this.log(
      table(result.succeeded, [
        ['USER', (r) => r.result.username],
        ['DEACTIVATED', (r) => r.result.deactivatedAt],
      ])
    )
    return result
  }
}
