import { Args } from '@oclif/core'
import { ServerCommand, type BatchResult } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag, orgFlag } from '../flags.js'
import { table } from '../output.js'
import type { RoomRow } from './list.js'

/** Archives group rooms. */
export default class RoomArchive extends ServerCommand<BatchResult<RoomRow>> {
  static summary = 'Archive group rooms (no new messages; history stays).'
  static description = describe(
    'Needs --confirm. Direct rooms cannot be archived (E_DIRECT_ROOM_FIXED).'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme <room id> <room id> --confirm']
  static strict = false
  static args = { room: Args.string({ description: 'Room ids.', required: true }) }
  static flags = { org: orgFlag(), confirm: confirmFlag() }

  async run() {
    const { argv, flags } = await this.parse(RoomArchive)
    this.requireConfirm(flags.confirm, 'Archiving a room')
    const result = await this.batch(argv as string[], (room) =>
      this.call<RoomRow>(flags, 'room:archive', { org: flags.org, room })
    )
    this.log(
      table(result.succeeded, [
        ['ARCHIVED', (r) => r.result.name ?? r.item],
        ['AT', (r) => r.result.archivedAt],
      ])
    )
    return result
  }
}
