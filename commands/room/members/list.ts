import { Args } from '@oclif/core'
import { ServerCommand } from '../../server_command.js'
import { describe } from '../../errors.js'
import { orgFlag } from '../../flags.js'
import { table } from '../../output.js'

/** A room member: room role and public profile. */
export interface RoomMemberRow {
  role: string
  user: { id: string; username: string; displayName: string | null } & Record<string, unknown>
}

/** Lists a room's members. */
export default class RoomMembersList extends ServerCommand<RoomMemberRow[]> {
  static summary = "List a room's members and their room roles."
  static description = describe('Any room of the organization, direct rooms included.')
  static examples = ['<%= config.bin %> <%= command.id %> --org acme <room id> --json']
  static args = { room: Args.string({ description: 'Room id.', required: true }) }
  static flags = { org: orgFlag() }

  async run() {
    const { args, flags } = await this.parse(RoomMembersList)
    const rows = await this.call<RoomMemberRow[]>(flags, 'room:members:list', {
      org: flags.org,
      room: args.room,
    })
    this.log(
      table(rows, [
        ['USER', (r) => r.user.username],
        ['ROLE', (r) => r.role],
      ])
    )
    return rows
  }
}
