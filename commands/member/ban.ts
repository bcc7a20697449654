import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag, orgFlag } from '../flags.js'

/** A ban as the server answers it. */
interface Ban {
  userId: string
  organizationId: string
  bannedById: string | null
  reason: string | null
  createdAt: string
  user: { username: string } & Record<string, unknown>
}

/** Bans a member: removes them and refuses their return. */
export default class MemberBan extends ServerCommand<Ban> {
  static summary = 'Ban a member: remove them and refuse invites to them (destructive).'
  static description = describe(
    'The member is removed (their sockets leave the organization) and their pending invites are revoked; inviting or adding them again is E_USER_BANNED until member unban. Needs --confirm. Audited.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> bob --org acme --reason spam --confirm']
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }
  static flags = {
    org: orgFlag(),
    reason: Flags.string({ summary: 'Why (shown in the ban list and the audit log).' }),
    confirm: confirmFlag(),
  }

  async run() {
    const { args, flags } = await this.parse(MemberBan)
    this.requireConfirm(flags.confirm, 'Banning a member')
    const ban = await this.call<Ban>(flags, 'member:ban', {
      org: flags.org,
      user: args.user,
      reason: flags.reason,
    })
    this.log(`${ban.user.username} is banned`)
    return ban
  }
}
