import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'
import { appSetting } from '../app_env.js'

/** What `org create` returns. */
export interface OrgCreateResult {
  organization: { id: string; name: string; slug: string }
  owner: { id: string; email: string; username: string }
  ownerCreated: boolean
  oneTimePassword: string | null
  setPasswordLink: string | null
  setPasswordExpiresAt: string | null
}

/** Bootstraps an organization and its owner. */
export default class OrgCreate extends ServerCommand<OrgCreateResult> {
  static summary = 'Create an organization and its owner account.'
  static description = describe(
    'An existing account with the owner email becomes the owner and keeps its password. Otherwise the account is created and chatctl prints a set-password link (the password reset page of the web client, under APP_URL, valid for a week, usable once): pass it to the owner, who chooses a password there. With --one-time-password it prints a one-time password instead (shown once; the owner logs in with it and changes it).'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --name "Acme" --owner-email ada@acme.test',
    '<%= config.bin %> <%= command.id %> --name "Acme" --slug acme --owner-email ada@acme.test --owner-username ada --json',
    '<%= config.bin %> <%= command.id %> --name "Acme" --owner-email ada@acme.test --one-time-password',
  ]
  static flags = {
    'name': Flags.string({ char: 'n', summary: 'Organization name.', required: true }),
    'slug': Flags.string({ summary: 'URL slug (derived from the name when omitted).' }),
    'owner-email': Flags.string({ summary: 'Email of the owner.', required: true }),
    'owner-username': Flags.string({ summary: 'Username of a new owner account.' }),
    'one-time-password': Flags.boolean({
      summary: 'Give a new owner a one-time password instead of a set-password link.',
      default: false,
    }),
  }

  async run() {
    const { flags } = await this.parse(OrgCreate)
    if (!flags['one-time-password'] && !this.remote(flags) && !appSetting('APP_URL')) {
      this.note(
        "APP_URL is not set: a set-password link points at http://localhost:<PORT>. Set APP_URL to the server's public address (.env or the environment)."
      )
    }
    const result = await this.call<OrgCreateResult>(flags, 'org:create', {
      name: flags.name,
      slug: flags.slug,
      ownerEmail: flags['owner-email'],
      ownerUsername: flags['owner-username'],
      oneTimePassword: flags['one-time-password'] || undefined,
    })
    this.log(
      details({
        organization: `${result.organization.name} (${result.organization.slug}, ${result.organization.id})`,
        owner: `${result.owner.username} <${result.owner.email}>`,
      })
    )
    if (result.setPasswordLink) {
      this.log(
        `\nSet-password link for ${result.owner.email} (pass it on; works once, until ${result.setPasswordExpiresAt}):\n${result.setPasswordLink}`
      )
    } else if (result.oneTimePassword) {
      this.log(
        `\nOne-time password for ${result.owner.email} (shown once): ${result.oneTimePassword}`
      )
    } else {
      this.log('\nThe owner already had an account and keeps their password.')
    }
    return result
  }
}
