import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag, orgFlag } from '../flags.js'

/** What `command delete` reports. */
export interface CommandDeleted {
  id: string
  name: string
  deleted: true
}

/** Removes a slash command. */
export default class CommandDelete extends ServerCommand<CommandDeleted> {
  static summary = 'Remove a slash command: /<name> is unknown from then on.'
  static description = describe('Needs --confirm. The command is named by its name or id.')
  static examples = ['<%= config.bin %> <%= command.id %> --org acme deploy --confirm']
  static args = { command: Args.string({ description: 'Command name or id.', required: true }) }
  static flags = { org: orgFlag(), confirm: confirmFlag() }

  async run() {
    const { args, flags } = await this.parse(CommandDelete)
    this.requireConfirm(flags.confirm, 'Removing a slash command')
    const result = await this.call<CommandDeleted>(flags, 'command:delete', {
      org: flags.org,
      command: args.command,
    })
    this.log(`Removed /${result.name}`)
    return result
  }
}
