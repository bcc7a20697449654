import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../../server_command.js'
import { describe } from '../../errors.js'
import { confirmFlag, orgFlag } from '../../flags.js'
import { details } from '../../output.js'

/** What removing a room member reports. */
export interface RoomMemberRemoved {
  roomId: string
  userId: string
  removed: boolean
}

/** Removes a member from a group room. */
export default class RoomMembersRemove extends ServerCommand<RoomMemberRemoved> {
  static summary = 'Remove a member from a group room.'
  static description = describe(
    "The member's sockets leave the room at once; they stay in the organization. Direct rooms have fixed members. Needs --confirm."
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme <room id> --user bob --confirm',
  ]
  static args = { room: Args.string({ description: 'Room id.', required: true }) }
  static flags = {
    org: orgFlag(),
    user: Flags.string({ char: 'u', summary: 'User id, email or username.', required: true }),
    confirm: confirmFlag(),
  }

  async run() {
    const { args, flags } = await this.parse(RoomMembersRemove)
    this.requireConfirm(flags.confirm, 'Removing a room member')
    const removed = await this.call<RoomMemberRemoved>(flags, 'room:members:remove', {
      org: flags.org,
      room: args.room,
      user: flags.user,
    })
    this.log(details({ ...removed }))
    return removed
  }
}
