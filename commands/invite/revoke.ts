import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag, orgFlag } from '../flags.js'
import { table } from '../output.js'
import type { InviteRow } from './list.js'

/** Revokes pending invites. */
export default class InviteRevoke extends ServerCommand<BatchResult<InviteRow>> {
  static summary = 'Revoke pending invites (their links stop working).'
  static description = describe(
    'Needs --confirm. An invite already accepted or revoked is E_NOT_FOUND, reported on its own.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme 0b9f…-invite-id --confirm']
  static strict = false
  static args = { invite: Args.string({ description: 'Invite ids.', required: true }) }
  static flags = { org: orgFlag(), confirm: confirmFlag() }

  async run() {
    const { argv, flags } = await this.parse(InviteRevoke)
    this.requireConfirm(flags.confirm, 'Revoking an invite')
    const result = await this.batch(argv as string[], (invite) =>
      this.call<InviteRow>(flags, 'invite:revoke', { org: flags.org, invite })
    )
    this.log(
      table(result.succeeded, [
        ['REVOKED', (r) => r.result.email],
        ['STATUS', (r) => r.result.status],
      ])
    )
    return result
  }
}
