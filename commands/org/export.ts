import { Args } from '@oclif/core'
import { describe } from '../errors.js'
import { details } from '../output.js'
import { ExportCommand, outputFlag } from '../export_command.js'

/** Exports an organization to a zip. */
export default class OrgExport extends ExportCommand {
  static summary = 'Export an organization (rooms, members, messages, files) to a zip.'
  static description = describe(
    [
      'The same archive owners get from POST /organizations/:orgId/exports (docs/exports.md): JSON Lines of rooms, members, room members and messages (bodies decrypted; end-to-end encrypted rooms stay ciphertext), and every file. Recorded in the audit log.',
      "Locally the archive is built in the call with a progress bar and copied to --output on this host; remotely the server's job workers build it while chatctl follows its progress, then download it to --output through its signed link.",
    ].join('\n')
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> acme --output acme.zip',
    '<%= config.bin %> <%= command.id %> acme --output acme.zip --url https://chat.acme.test --json',
  ]
  static args = { org: Args.string({ description: 'Organization id or slug.', required: true }) }
  static flags = { output: outputFlag }
  static operations = ['org:export', 'export:show']

  async run() {
    const { args, flags } = await this.parse(OrgExport)
    const result = await this.exportTo(flags, 'org:export', { org: args.org }, flags.output)
    this.log(
      details({ id: result.id, status: result.status, size: result.size, output: result.output })
    )
    return result
  }
}
