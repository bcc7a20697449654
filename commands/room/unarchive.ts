import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { details } from '../output.js'
import type { RoomRow } from './list.js'

/** Unarchives a group room. */
export default class RoomUnarchive extends ServerCommand<RoomRow> {
  static summary = 'Unarchive a group room: members can send again.'
  static description = describe(
    'The reverse of room archive. Unarchiving an active room changes nothing.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme <room id> --json']
  static args = { room: Args.string({ description: 'Room id.', required: true }) }
  static flags = { org: orgFlag() }

  async run() {
    const { args, flags } = await this.parse(RoomUnarchive)
    const room = await this.call<RoomRow>(flags, 'room:unarchive', {
      org: flags.org,
      room: args.room,
    })
    this.log(details({ ...room }))
    return room
  }
}
