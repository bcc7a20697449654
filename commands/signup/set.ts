import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'
import type { SignupPolicyRow } from './show.js'

/** Changes the signup policy. */
export default class SignupSet extends ServerCommand<SignupPolicyRow> {
  static summary = 'Change the signup policy.'
  static description = describe(
    'Parts left out keep their value. --domain replaces the allowed domains (repeat it for several); the domains mode needs at least one. An address with a pending invite may register in every mode.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --mode open',
    '<%= config.bin %> <%= command.id %> --mode domains --domain acme.example --domain acme.test',
    '<%= config.bin %> <%= command.id %> --org-creators admins --json',
  ]
  static flags = {
    'mode': Flags.string({
      summary: 'Who may register.',
      options: ['open', 'invite_only', 'domains'],
    }),
    'domain': Flags.string({ summary: 'An email domain allowed in domains mode.', multiple: true }),
    'org-creators': Flags.string({
      summary: 'Who may create organizations.',
      options: ['anyone', 'verified', 'admins'],
    }),
  }

  async run() {
    const { flags } = await this.parse(SignupSet)
    const policy = await this.call<SignupPolicyRow>(flags, 'signup:set', {
      mode: flags.mode,
      allowedDomains: flags.domain,
      organizationCreators: flags['org-creators'],
    })
    this.log(details({ ...policy, allowedDomains: policy.allowedDomains.join(', ') || '-' }))
    return policy
  }
}
