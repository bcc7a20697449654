import { Args } from '@oclif/core'
import { ServerCommand } from '../../server_command.js'
import { describe } from '../../errors.js'
import { confirmFlag, orgFlag } from '../../flags.js'
import { botFlag } from './list.js'

/** What `bot key revoke` reports. */
export interface ApiKeyRevoked {
  id: string
  botId: string
  revoked: true
}

/** Revokes a bot's API key. */
export default class BotKeyRevoke extends ServerCommand<ApiKeyRevoked> {
  static summary = "Revoke a bot's API key: it stops working at once."
  static description = describe(
    'Needs --confirm. The sockets and SSE streams opened with the key close on every node.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme --bot deploy-bot 42 --confirm']
  static args = { key: Args.string({ description: 'API key id.', required: true }) }
  static flags = { org: orgFlag(), bot: botFlag(), confirm: confirmFlag() }

  async run() {
    const { args, flags } = await this.parse(BotKeyRevoke)
    this.requireConfirm(flags.confirm, 'Revoking an API key')
    const result = await this.call<ApiKeyRevoked>(flags, 'bot:key:revoke', {
      org: flags.org,
      bot: flags.bot,
      key: args.key,
    })
    this.log(`Revoked API key ${result.id}`)
    return result
  }
}
