import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'

import { table } from '../output.js'
import type { UserRow } from './list.js'

/** Reactivate accounts. */
export default class UserReactivate extends ServerCommand<BatchResult<UserRow>> {
  static summary = 'Reactivate accounts.'
  static description = describe(
    'The account can log in again (with its password; tokens revoked on deactivation stay revoked).'
  )
  static examples = ['<%= config.bin %> <%= command.id %> bob carol@acme.test']
  static strict = false
  static args = {
    user: Args.string({ description: 'User ids, emails or usernames.', required: true }),
  }
  static flags = {}

  async run() {
    const { argv, flags } = await this.parse(UserReactivate)

    const result = await this.batch(argv as string[], (user) =>
      this.call<UserRow>(flags, 'user:reactivate', { user })
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
