import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'

/** What `org create` returns. */
export interface OrgCreateResult {
  organization: { id: string; name: string; slug: string }
  owner: { id: string; email: string; username: string }
  ownerCreated: boolean
  oneTimePassword: string | null
}

/** Bootstraps an organization and its owner. */
export default class OrgCreate extends ServerCommand<OrgCreateResult> {
  static summary = 'Create an organization and its owner account.'
  static description = describe(
    'An existing account with the owner email becomes the owner. Otherwise the account is created with a one-time password, printed once: hand it to the owner, who logs in with it (POST /auth/login) and changes it.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --name "Acme" --owner-email ada@acme.test',
    '<%= config.bin %> <%= command.id %> --name "Acme" --slug acme --owner-email ada@acme.test --owner-username ada --json',
  ]
  static flags = {
    'name': Flags.string({ char: 'n', summary: 'Organization name.', required: true }),
    'slug': Flags.string({ summary: 'URL slug (derived from the name when omitted).' }),
    'owner-email': Flags.string({ summary: 'Email of the owner.', required: true }),
    'owner-username': Flags.string({ summary: 'Username of a new owner account.' }),
  }

  async run() {
    const { flags } = await this.parse(OrgCreate)
    const result = await this.call<OrgCreateResult>(flags, 'org:create', {
      name: flags.name,
      slug: flags.slug,
      ownerEmail: flags['owner-email'],
      ownerUsername: flags['owner-username'],
    })
    this.log(
      details({
        organization: `${result.organization.name} (${result.organization.slug}, ${result.organization.id})`,
        owner: `${result.owner.username} <${result.owner.email}>`,
      })
    )
    if (result.oneTimePassword) {
      this.log(
        `\nOne-time password for ${result.owner.email} (shown once): ${result.oneTimePassword}`
      )
    } else {
      this.log('\nThe owner already had an account and keeps their password.')
    }
    return result
  }
}
