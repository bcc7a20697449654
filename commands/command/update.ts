import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import type { CommandRow } from './list.js'

/** Changes a slash command's endpoint, description, usage hint or rooms. */
export default class CommandUpdate extends ServerCommand<CommandRow> {
  static summary = "Change a slash command's endpoint, description, usage hint or rooms."
  static description = describe(
    'Only the flags given change; the name, bot and signing secret stay. An empty --description or --usage clears it; --all-rooms lifts the room restriction, --room replaces it. The command is named by its name or id.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme deploy --endpoint https://ci.example.com/slash/v2',
    '<%= config.bin %> <%= command.id %> --org acme deploy --all-rooms --description "" --json',
  ]
  static args = { command: Args.string({ description: 'Command name or id.', required: true }) }
  static flags = {
    'org': orgFlag(),
    'endpoint': Flags.string({
      summary: 'The new https URL that answers the command (--url is the server, in remote mode).',
    }),
    'description': Flags.string({ summary: 'What the command does (empty: none).' }),
    'usage': Flags.string({ summary: 'What follows the name (empty: none).' }),
    'room': Flags.string({
      summary: 'Only in this room id from now on (repeat the flag).',
      multiple: true,
      exclusive: ['all-rooms'],
    }),
    'all-rooms': Flags.boolean({ summary: 'Available in every room of the organization again.' }),
  }

  async run() {
    const { args, flags } = await this.parse(CommandUpdate)
    const command = await this.call<CommandRow>(flags, 'command:update', {
      org: flags.org,
      command: args.command,
      url: flags.endpoint,
      description: flags.description,
      usageHint: flags.usage,
      roomIds: flags['all-rooms'] ? null : flags.room,
    })
    this.log(`Updated /${command.name} (${command.id})`)
    return command
  }
}
