import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'

/** A member with their mute. */
interface MutedMember {
  userId: string
  organizationId: string
  role: string
  mutedUntil: string | null
  user: { username: string } & Record<string, unknown>
}

/** Mutes a member for a while, or lifts the mute. */
export default class MemberMute extends ServerCommand<MutedMember> {
  static summary = 'Mute a member for a number of minutes, or lift the mute with --off.'
  static description = describe(
    'A muted member cannot send messages in the organization (REST and sockets answer E_MEMBER_MUTED) until the mute ends; reading still works. Muting again replaces the end. Audited.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> bob --org acme --minutes 60 --reason "flooding"',
    '<%= config.bin %> <%= command.id %> bob --org acme --off --json',
  ]
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }
  static flags = {
    org: orgFlag(),
    minutes: Flags.integer({ summary: 'How long (1 to 525600 minutes).', min: 1 }),
    off: Flags.boolean({ summary: 'Lift the mute.', exclusive: ['minutes'] }),
    reason: Flags.string({ summary: 'Why (kept in the audit log).' }),
  }

  async run() {
    const { args, flags } = await this.parse(MemberMute)
    if (!flags.off && flags.minutes === undefined)
      this.error('Give --minutes or --off', { exit: 2 })
    const member = await this.call<MutedMember>(flags, 'member:mute', {
      org: flags.org,
      user: args.user,
      minutes: flags.off ? undefined : flags.minutes,
      reason: flags.reason,
    })
    this.log(
      member.mutedUntil
        ? `${member.user.username} is muted until ${member.mutedUntil}`
        : `${member.user.username} is not muted`
    )
    return member
  }
}
