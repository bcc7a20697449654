import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { details } from '../output.js'
import type { RoomRow } from './list.js'

/** Creates a group room. */
export default class RoomCreate extends ServerCommand<RoomRow> {
  static summary = 'Create a group room (channel) with its members.'
  static description = describe(
    "The creator (--creator, a member of the organization who may create group rooms; by default the organization's first owner) becomes the room's admin. Members are organization members, by id, email or username."
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme --name general --member bob --member carol@acme.test',
    '<%= config.bin %> <%= command.id %> --org acme --name ops --creator ada --json',
  ]
  static flags = {
    org: orgFlag(),
    name: Flags.string({ char: 'n', summary: 'Room name.', required: true }),
    member: Flags.string({ char: 'm', summary: 'A member to add (repeatable).', multiple: true }),
    creator: Flags.string({ summary: "Who creates it (default: the organization's first owner)." }),
  }

  async run() {
    const { flags } = await this.parse(RoomCreate)
    const room = await this.call<RoomRow>(flags, 'room:create', {
      org: flags.org,
      name: flags.name,
      members: flags.member,
      creator: flags.creator,
    })
    this.log(details({ ...room }))
    return room
  }
}
