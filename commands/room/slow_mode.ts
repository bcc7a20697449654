import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'

/** A room's slow mode. */
interface SlowMode {
  roomId: string
  slowModeSeconds: number
}

/** Sets a room's slow mode. */
export default class RoomSlowMode extends ServerCommand<SlowMode> {
  static summary = 'Set a group room’s slow mode (0 turns it off).'
  static description = describe(
    'Members below moderator may send one message per interval in the room; faster sends are E_SLOW_MODE with a retry time. Audited.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> <room-id> --org acme --seconds 30']
  static args = { room: Args.string({ description: 'Room id.', required: true }) }
  static flags = {
    org: orgFlag(),
    seconds: Flags.integer({ summary: 'Interval, 0 to 3600 seconds.', required: true, min: 0 }),
  }

  async run() {
    const { args, flags } = await this.parse(RoomSlowMode)
    const result = await this.call<SlowMode>(flags, 'room:slow-mode', {
      org: flags.org,
      room: args.room,
      seconds: flags.seconds,
    })
    this.log(`slow mode: ${result.slowModeSeconds} s`)
    return result
  }
}
