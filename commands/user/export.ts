import { Args } from '@oclif/core'
import { describe } from '../errors.js'
import { details } from '../output.js'
import { ExportCommand, outputFlag } from '../export_command.js'

/** Exports one user's own data to a zip. */
export default class UserExport extends ExportCommand {
  static summary = "Export a user's own data (profile, organizations, messages, files) to a zip."
  static description = describe(
    [
      'The same archive a user gets from POST /users/me/exports (GDPR art. 20, docs/exports.md): their profile, their organizations, every message they sent (decrypted) and the files they uploaded; nobody else’s messages. Recorded in the audit log.',
      "Locally the archive is built in the call and copied to --output on this host; remotely the server's job workers build it, then chatctl downloads it through its signed link.",
    ].join('\n')
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> ada@acme.example --output ada.zip',
    '<%= config.bin %> <%= command.id %> ada --output ada.zip --url https://chat.acme.test --json',
  ]
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }
  static flags = { output: outputFlag }
  static operations = ['user:export']

  async run() {
    const { args, flags } = await this.parse(UserExport)
    const result = await this.exportTo(flags, 'user:export', { user: args.user }, flags.output)
    this.log(
      details({ id: result.id, status: result.status, size: result.size, output: result.output })
    )
    return result
  }
}
