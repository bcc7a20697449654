import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import type { WebhookRow } from './list.js'

/** Subscribes a URL to an organization's events. */
export default class WebhookCreate extends ServerCommand<WebhookRow & { secret: string }> {
  static summary =
    "Subscribe a URL to an organization's events and print its signing secret (shown once)."
  static description = describe(
    'Events: message.created, message.edited, message.deleted, member.joined, member.left, room.member_added, room.member_removed, reaction.added, reaction.removed. Deliveries are signed (X-Parley-Signature: t=<unix>,v1=<HMAC-SHA256 of "<t>.<body>">; refuse timestamps older than 5 minutes) and retried with backoff. Private, loopback and metadata addresses are refused.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme --endpoint https://ci.example.com/parley --event message.created --event member.joined',
  ]
  static flags = {
    org: orgFlag(),
    endpoint: Flags.string({
      summary: 'The https URL that receives the events (--url is the server, in remote mode).',
      required: true,
    }),
    event: Flags.string({
      summary: 'An event to send (repeat the flag).',
      required: true,
      multiple: true,
    }),
    room: Flags.string({
      summary: 'Only events of this room id (repeat the flag).',
      multiple: true,
    }),
  }

  async run() {
    const { flags } = await this.parse(WebhookCreate)
    const webhook = await this.call<WebhookRow & { secret: string }>(flags, 'webhook:create', {
      org: flags.org,
      url: flags.endpoint,
      events: flags.event,
      roomIds: flags.room,
    })
    this.log(`Webhook ${webhook.id}, signing secret: ${webhook.secret}`)
    return webhook
  }
}
