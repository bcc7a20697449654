import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { table } from '../output.js'

/** What a run did, or would do, per organization. */
interface RetentionOutcome {
  dryRun: boolean
  organizations: { organizationId: string; messages: number; files: number; rooms: number }[]
}

/** Runs the retention sweep now. */
export default class RetentionRun extends ServerCommand<RetentionOutcome> {
  static summary = 'Delete expired messages and files now, or show what would go with --dry-run.'
  static description = describe(
    'The same sweep as the daily job (RETENTION_CRON): in every organization with a retention rule (or only --org), messages older than the rule’s days are deleted in batches with their files, and each organization’s totals are recorded in its audit log. --dry-run only counts.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> --dry-run',
    '<%= config.bin %> <%= command.id %> --org acme --json',
  ]
  static flags = {
    'org': Flags.string({ char: 'o', summary: 'Only this organization: id or slug.' }),
    'dry-run': Flags.boolean({ summary: 'Count what would be deleted; delete nothing.' }),
  }

  async run() {
    const { flags } = await this.parse(RetentionRun)
    const result = await this.call<RetentionOutcome>(flags, 'retention:run', {
      org: flags.org,
      dryRun: flags['dry-run'],
    })
    this.log(
      table(result.organizations, [
        ['ORGANIZATION', (r) => r.organizationId],
        [result.dryRun ? 'WOULD DELETE' : 'DELETED', (r) => r.messages],
        ['FILES', (r) => r.files],
        ['ROOMS', (r) => r.rooms],
      ])
    )
    return result
  }
}
