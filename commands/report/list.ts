import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { table } from '../output.js'

/** A report of the moderation queue. */
interface Report {
  id: string
  messageId: string
  reporterId: string
  reason: string
  status: string
  createdAt: string
  message: { content: string | null; senderId: string | null } | null
}

/** A page of reports. */
interface ReportPage {
  reports: Report[]
  meta: { total: number; perPage: number; currentPage: number; lastPage: number }
}

/** Lists an organization's moderation queue. */
export default class ReportList extends ServerCommand<ReportPage> {
  static summary = 'List reported messages of an organization (the moderation queue).'
  static description = describe(
    'Open reports, oldest first, with the reported message as stored now (its text unless deleted or end-to-end encrypted); --status resolved for closed ones.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --org acme',
    '<%= config.bin %> <%= command.id %> --org acme --status resolved --json',
  ]
  static flags = {
    'org': orgFlag(),
    'status': Flags.string({
      summary: 'open (default) or resolved.',
      options: ['open', 'resolved'],
    }),
    'page': Flags.integer({ summary: 'Page number (from 1).', min: 1 }),
    'per-page': Flags.integer({ summary: 'Reports per page (at most 100).', min: 1 }),
  }

  async run() {
    const { flags } = await this.parse(ReportList)
    const page = await this.call<ReportPage>(flags, 'report:list', {
      org: flags.org,
      status: flags.status,
      page: flags.page,
      perPage: flags['per-page'],
    })
    this.log(
      table(page.reports, [
        ['ID', (r) => r.id],
        ['REPORTED', (r) => r.createdAt],
        ['REASON', (r) => r.reason],
        ['MESSAGE', (r) => r.message?.content ?? null],
      ])
    )
    return page
  }
}
