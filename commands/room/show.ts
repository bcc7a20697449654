import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { details } from '../output.js'
import type { RoomRow } from './list.js'

/** A room with its members. */
export type RoomDetails = RoomRow & {
  members: { role: string; user: { id: string; username: string } }[]
}

/** Shows one room. */
export default class RoomShow extends ServerCommand<RoomDetails> {
  static summary = 'Show a room and its members.'
  static description = describe(
    "A room of the organization; another organization's room is E_NOT_FOUND."
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme <room id> --json']
  static args = { room: Args.string({ description: 'Room id.', required: true }) }
  static flags = { org: orgFlag() }

  async run() {
    const { args, flags } = await this.parse(RoomShow)
    const room = await this.call<RoomDetails>(flags, 'room:show', {
      org: flags.org,
      room: args.room,
    })
    this.log(
      details({ ...room, members: room.members.map((m) => `${m.user.username} (${m.role})`) })
    )
    return room
  }
}
