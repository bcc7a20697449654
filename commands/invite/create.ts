import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag, roleFlag } from '../flags.js'
import { table } from '../output.js'
import type { InviteRow } from './list.js'

/** A created invite, with the link only shown now. */
export type InviteCreated = InviteRow & { token: string; link: string; emailSent: boolean }

/** Invites email addresses into an organization. */
export default class InviteCreate extends ServerCommand<BatchResult<InviteCreated>> {
  static summary = 'Invite people into an organization and print the invite links.'
  static description = describe(
    'One invite per email (valid 7 days), mailed when mail is configured. The link is printed once: the token is stored hashed.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme bob@acme.test carol@acme.test --role moderator',
  ]
  static strict = false
  static args = { email: Args.string({ description: 'Email addresses.', required: true }) }
  static flags = { org: orgFlag(), role: roleFlag() }

  async run() {
    const { argv, flags } = await this.parse(InviteCreate)
    const result = await this.batch(argv as string[], (email) =>
      this.call<InviteCreated>(flags, 'invite:create', { org: flags.org, email, role: flags.role })
    )
    this.log(
      table(result.succeeded, [
        ['EMAIL', (r) => r.result.email],
        ['ROLE', (r) => r.result.role],
        ['LINK', (r) => r.result.link],
      ])
    )
    return result
  }
}
