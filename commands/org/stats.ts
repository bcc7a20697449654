import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details, table } from '../output.js'

/** Distinct members over the last 7 and 30 days. */
interface Window {
  last7Days: number
  last30Days: number
}

/** What `org stats` reports: the same as GET /organizations/:orgId/analytics. */
export interface OrgStatsResult {
  members: number
  activeUsers: Window
  senders: Window
  readers: Window
  byDoor: { socket: Window; rest: Window }
  rooms: number
  messagesPerDay: { date: string; count: number }[]
  busiestRooms: { roomId: string; name: string | null; type: string; messages: number }[]
}

/** An organization's activity analytics. */
export default class OrgStats extends ServerCommand<OrgStatsResult> {
  static summary =
    "Show an organization's activity: active members, messages per day, busiest rooms."
  static description = describe(
    'The analytics owners and admins see in the app (GET /organizations/:orgId/analytics): members active in this organization over 7 and 30 UTC days (any activity, senders, readers, by socket and by REST), messages per day for the last 30 days, and the five rooms with the most messages.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> acme',
    '<%= config.bin %> <%= command.id %> acme --json',
  ]
  static args = { org: Args.string({ description: 'Organization id or slug.', required: true }) }

  async run() {
    const { args, flags } = await this.parse(OrgStats)
    const stats = await this.call<OrgStatsResult>(flags, 'org:stats', { org: args.org })
    const window = (w: Window) => `${w.last7Days} (7 days), ${w.last30Days} (30 days)`
    this.log(
      details({
        'members': stats.members,
        'active': window(stats.activeUsers),
        'senders': window(stats.senders),
        'readers': window(stats.readers),
        'by socket': window(stats.byDoor.socket),
        'by REST': window(stats.byDoor.rest),
        'rooms': stats.rooms,
        'messages (30 days)': stats.messagesPerDay.reduce((sum, day) => sum + day.count, 0),
      })
    )
    this.log('')
    this.log(
      table(stats.messagesPerDay.slice(-7), [
        ['DAY', (d) => d.date],
        ['MESSAGES', (d) => d.count],
      ])
    )
    this.log('')
    this.log(
      table(stats.busiestRooms, [
        ['BUSIEST ROOM', (r) => r.name ?? `(${r.type}) ${r.roomId}`],
        ['MESSAGES', (r) => r.messages],
      ])
    )
    return stats
  }
}
