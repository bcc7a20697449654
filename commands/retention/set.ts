import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'

/** An organization's retention rules. */
interface RetentionPolicy {
  organizationId: string
  days: number | null
  rooms: { roomId: string; days: number }[]
}

/** Sets how long an organization (or one of its rooms) keeps messages. */
export default class RetentionSet extends ServerCommand<RetentionPolicy> {
  static summary = 'Set how many days an organization, or one of its rooms, keeps messages.'
  static description = describe(
    'Messages older than the days are deleted with their files by the daily sweep. A room’s own days override the organization’s; --forever removes the rule. Audited.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme --days 365',
    '<%= config.bin %> <%= command.id %> --org acme --room <room-id> --days 30 --json',
    '<%= config.bin %> <%= command.id %> --org acme --forever',
  ]
  static flags = {
    org: orgFlag(),
    room: Flags.string({ summary: 'Only this room (id).' }),
    days: Flags.integer({ summary: 'Days kept, 1 to 36500.', min: 1, exclusive: ['forever'] }),
    forever: Flags.boolean({ summary: 'Remove the rule: keep messages forever.' }),
  }

  async run() {
    const { flags } = await this.parse(RetentionSet)
    if (!flags.forever && flags.days === undefined)
      this.error('Give --days or --forever', { exit: 2 })
    const policy = await this.call<RetentionPolicy>(flags, 'retention:set', {
      org: flags.org,
      room: flags.room,
      days: flags.forever ? null : flags.days,
    })
    this.log(
      `organization: ${policy.days ?? 'forever'} days; rooms with their own: ${policy.rooms.length}`
    )
    return policy
  }
}
