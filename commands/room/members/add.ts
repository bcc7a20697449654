import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../../server_command.js'
import { describe } from '../../errors.js'
import { orgFlag } from '../../flags.js'
import { table } from '../../output.js'
import type { RoomMemberRow } from './list.js'

/** Adds organization members to a group room. */
export default class RoomMembersAdd extends ServerCommand<RoomMemberRow[]> {
  static summary = 'Add organization members to a group room; prints its members.'
  static description = describe(
    'Users already in the room are skipped. Direct rooms have fixed members (E_DIRECT_ROOM_FIXED); someone outside the organization is E_NOT_FOUND.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme <room id> --user bob --user carol',
  ]
  static args = { room: Args.string({ description: 'Room id.', required: true }) }
  static flags = {
    org: orgFlag(),
    user: Flags.string({
      char: 'u',
      summary: 'User id, email or username (repeatable).',
      multiple: true,
      required: true,
    }),
  }

  async run() {
    const { args, flags } = await this.parse(RoomMembersAdd)
    const rows = await this.call<RoomMemberRow[]>(flags, 'room:members:add', {
      org: flags.org,
      room: args.room,
      users: flags.user,
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
