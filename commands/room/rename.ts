import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { details } from '../output.js'
import type { RoomRow } from './list.js'

/** Renames a group room. */
export default class RoomRename extends ServerCommand<RoomRow> {
  static summary = 'Rename a group room.'
  static description = describe(
    'Members see the new name at once (room_updated) and in their room list changes. Direct rooms have no name (E_DIRECT_ROOM_FIXED).'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme <room id> --name announcements',
  ]
  static args = { room: Args.string({ description: 'Room id.', required: true }) }
  static flags = {
    org: orgFlag(),
    name: Flags.string({ char: 'n', summary: 'New name.', required: true }),
  }

  async run() {
    const { args, flags } = await this.parse(RoomRename)
    const room = await this.call<RoomRow>(flags, 'room:rename', {
      org: flags.org,
      room: args.room,
      name: flags.name,
    })
    this.log(details({ ...room }))
    return room
  }
}
