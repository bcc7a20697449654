import { Flags } from '@oclif/core'
import { ServerCommand } from '../../server_command.js'
import { describe } from '../../errors.js'
import { orgFlag } from '../../flags.js'
import type { IncomingWebhookRow } from './list.js'

/** What `webhook incoming create` prints: the hook with its secret URL, once. */
export type IncomingWebhookCreated = IncomingWebhookRow & { token: string; url: string }

/** Creates an incoming webhook. */
export default class WebhookIncomingCreate extends ServerCommand<IncomingWebhookCreated> {
  static summary = 'Create a secret URL that posts into one room as a bot (the URL is shown once).'
  static description = describe(
    'The bot must already be a member of the room (E_BOT_NOT_IN_ROOM otherwise). POST {"text":"…"} to the URL to post; only its hash is stored.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme --name Alerts --room 9f1e…-room-id --bot deploy-bot',
  ]
  static flags = {
    org: orgFlag(),
    name: Flags.string({ summary: 'A label for the hook.', required: true }),
    room: Flags.string({ summary: 'The room id it posts into.', required: true }),
    bot: Flags.string({ summary: 'The bot it posts as (id or username).', required: true }),
  }

  async run() {
    const { flags } = await this.parse(WebhookIncomingCreate)
    const hook = await this.call<IncomingWebhookCreated>(flags, 'webhook:incoming:create', {
      org: flags.org,
      name: flags.name,
      roomId: flags.room,
      bot: flags.bot,
    })
    this.log(`Incoming webhook ${hook.id}: ${hook.url}`)
    return hook
  }
}
