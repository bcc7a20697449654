import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import type { CommandRow } from './list.js'

/** Registers a slash command. */
export default class CommandCreate extends ServerCommand<CommandRow & { secret: string }> {
  static summary = 'Register a slash command and print its signing secret (shown once).'
  static description = describe(
    'Members run /<name> args in a room; Parley POSTs {id, command, args, organizationId, room, user, issuedAt} to the endpoint, signed like webhook deliveries (X-Parley-Signature), and posts its JSON answer {text, responseType: "ephemeral"|"in_channel"}: in the room as the bot, or to the member only. Private, loopback and metadata addresses are refused.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme deploy --endpoint https://ci.example.com/slash --bot deploy-bot --description "Deploy a service" --usage "<service> <version>"',
  ]
  static args = {
    name: Args.string({
      description: 'The name, without the slash (a-z, 0-9, - and _).',
      required: true,
    }),
  }
  static flags = {
    org: orgFlag(),
    endpoint: Flags.string({
      summary: 'The https URL that answers the command (--url is the server, in remote mode).',
      required: true,
    }),
    bot: Flags.string({
      summary: 'The bot in-channel answers are posted as (id or username).',
      required: true,
    }),
    description: Flags.string({ summary: 'What the command does (up to 200 characters).' }),
    usage: Flags.string({ summary: 'What follows the name, e.g. "<service> <version>".' }),
    room: Flags.string({ summary: 'Only in this room id (repeat the flag).', multiple: true }),
  }

  async run() {
    const { args, flags } = await this.parse(CommandCreate)
    const command = await this.call<CommandRow & { secret: string }>(flags, 'command:create', {
      org: flags.org,
      name: args.name,
      url: flags.endpoint,
      botId: flags.bot,
      description: flags.description,
      usageHint: flags.usage,
      roomIds: flags.room,
    })
    this.log(`Command /${command.name} (${command.id}), signing secret: ${command.secret}`)
    return command
  }
}
