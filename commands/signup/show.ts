import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'

/** The server's signup policy. */
export interface SignupPolicyRow {
  mode: 'open' | 'invite_only' | 'domains'
  allowedDomains: string[]
  organizationCreators: 'anyone' | 'verified' | 'admins'
}

/** Prints who may register and who may create organizations. */
export default class SignupShow extends ServerCommand<SignupPolicyRow> {
  static summary = 'Show the signup policy.'
  static description = describe(
    'Who may register (open, invite_only, or domains: invited addresses and the allowed email domains) and who may create organizations (anyone, verified: accounts that proved their email, admins). The first account of a server may always register and becomes its admin.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  async run() {
    const { flags } = await this.parse(SignupShow)
    const policy = await this.call<SignupPolicyRow>(flags, 'signup:show', {})
    this.log(details({ ...policy, allowedDomains: policy.allowedDomains.join(', ') || '-' }))
    return policy
  }
}
