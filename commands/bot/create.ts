import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { table } from '../output.js'
import type { BotRow } from './list.js'

/** Creates a bot account in an organization. */
export default class BotCreate extends ServerCommand<BotRow> {
  static summary = 'Create a bot account owned by an organization.'
  static description = describe(
    'The bot becomes a member of the organization (and of no other). It has no password: issue an API key with bot key create, and add it to rooms with room members add.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme deploy-bot --display-name "Deploy bot"',
  ]
  static args = { username: Args.string({ description: 'Username of the bot.', required: true }) }
  static flags = {
    'org': orgFlag(),
    'display-name': Flags.string({ summary: 'Name shown to members.' }),
  }

  async run() {
    const { args, flags } = await this.parse(BotCreate)
    const bot = await this.call<BotRow>(flags, 'bot:create', {
      org: flags.org,
      username: args.username,
      displayName: flags['display-name'],
    })
    this.log(table([bot], [['CREATED BOT', (r) => `${r.username} (${r.id})`]]))
    return bot
  }
}
