import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag, roleFlag } from '../flags.js'
import { table } from '../output.js'
import { appSetting } from '../app_env.js'
import type { InviteRow } from './list.js'

/** A created invite, with the link only shown now. */
export type InviteCreated = InviteRow & { token: string; link: string }

/** Invites email addresses into an organization. */
export default class InviteCreate extends ServerCommand<BatchResult<InviteCreated>> {
  static summary = 'Invite people into an organization and print the invite links.'
  static description = describe(
    "One invite per email (valid 7 days). The link is printed once; pass it on yourself unless the mail goes out: without SMTP_HOST the mail is only written to the server log (MAIL logged), otherwise it is queued and sent by the server in the background (invite list shows sent or failed). The link is printed once: the token is stored hashed. Links start with the server's APP_URL (its public address); without APP_URL they fall back to http://localhost:<PORT>, and local mode warns."
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme bob@acme.test carol@acme.test --role moderator',
  ]
  static strict = false
  static args = { email: Args.string({ description: 'Email addresses.', required: true }) }
  static flags = { org: orgFlag(), role: roleFlag() }

  async run() {
    const { argv, flags } = await this.parse(InviteCreate)
    if (!this.remote(flags) && !appSetting('APP_URL')) {
      this.note(
        "APP_URL is not set: invite links point at http://localhost:<PORT>. Set APP_URL to the server's public address (.env or the environment)."
      )
    }
    const result = await this.batch(argv as string[], (email) =>
      this.call<InviteCreated>(flags, 'invite:create', { org: flags.org, email, role: flags.role })
    )
    this.log(
      table(result.succeeded, [
        ['EMAIL', (r) => r.result.email],
        ['ROLE', (r) => r.result.role],
        ['MAIL', (r) => r.result.mail?.status ?? '-'],
        ['LINK', (r) => r.result.link],
      ])
    )
    return result
  }
}
