import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag, roleFlag } from '../flags.js'
import { table } from '../output.js'
import type { MemberRow } from './list.js'

/** Adds existing accounts to an organization. */
export default class MemberAdd extends ServerCommand<BatchResult<MemberRow>> {
  static summary = 'Add accounts to an organization, without an invite.'
  static description = describe(
    'Each account is added with the role (member by default); one that already belongs is E_ALREADY_MEMBER, reported on its own.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme bob carol@acme.test --role moderator',
  ]
  static strict = false
  static args = {
    user: Args.string({ description: 'User ids, emails or usernames.', required: true }),
  }
  static flags = { org: orgFlag(), role: roleFlag() }

  async run() {
    const { argv, flags } = await this.parse(MemberAdd)
    const result = await this.batch(argv as string[], (user) =>
      this.call<MemberRow>(flags, 'member:add', { org: flags.org, user, role: flags.role })
    )
    this.log(
      table(result.succeeded, [
        ['ADDED', (r) => r.result.user.username],
        ['ROLE', (r) => r.result.role],
      ])
    )
    return result
  }
}
