import { Flags } from '@oclif/core'
import { ServerCommand } from '../../server_command.js'
import { describe } from '../../errors.js'
import { orgFlag } from '../../flags.js'
import { botFlag, type ApiKeyRow } from './list.js'

/** Issues an API key for a bot. */
export default class BotKeyCreate extends ServerCommand<ApiKeyRow & { secret: string }> {
  static summary = 'Issue an API key for a bot and print its secret (shown once).'
  static description = describe(
    'The secret is a bearer token for REST, Socket.IO and SSE in the bot’s organization only. Only its hash is stored: keep it now.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme --bot deploy-bot --name ci']
  static flags = {
    org: orgFlag(),
    bot: botFlag(),
    name: Flags.string({ char: 'n', summary: 'What the key is for.', required: true }),
  }

  async run() {
    const { flags } = await this.parse(BotKeyCreate)
    const key = await this.call<ApiKeyRow & { secret: string }>(flags, 'bot:key:create', {
      org: flags.org,
      bot: flags.bot,
      name: flags.name,
    })
    this.log(`API key ${key.id} (${key.name}): ${key.secret}`)
    return key
  }
}
