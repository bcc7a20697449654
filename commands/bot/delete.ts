import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag, orgFlag } from '../flags.js'

/** What `bot delete` reports. */
export interface BotDeleted {
  id: string
  username: string
  deleted: true
}

/** Deletes a bot. */
export default class BotDelete extends ServerCommand<BotDeleted> {
  static summary = 'Delete a bot: its API keys stop working at once.'
  static description = describe(
    'Needs --confirm. Its live sockets and SSE streams close, its incoming webhooks go, and its messages stay without a sender.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme deploy-bot --confirm']
  static args = { bot: Args.string({ description: 'Bot id or username.', required: true }) }
  static flags = { org: orgFlag(), confirm: confirmFlag() }

  async run() {
    const { args, flags } = await this.parse(BotDelete)
    this.requireConfirm(flags.confirm, 'Deleting a bot')
    const result = await this.call<BotDeleted>(flags, 'bot:delete', {
      org: flags.org,
      bot: args.bot,
    })
    this.log(`Deleted bot ${result.username}`)
    return result
  }
}
