import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { table } from '../output.js'

/** One audit log entry as chatctl prints it. */
interface AuditRow {
  id: string
  organizationId: string | null
  actorUserId: string | null
  door: string
  action: string
  targetType: string | null
  targetId: string | null
  ip: string | null
  details: Record<string, unknown>
  createdAt: string
}

/** A page of the audit log. */
interface AuditPage {
  entries: AuditRow[]
  meta: { total: number; perPage: number; currentPage: number; lastPage: number }
}

/** Lists the server's audit log. */
export default class AuditList extends ServerCommand<AuditPage> {
  static summary = 'List audit log entries, newest first (server-wide or one organization).'
  static description = describe(
    'Every security- and admin-relevant action (logins, failed logins, role changes, member and invite changes, archives, moderator deletions, key rotations, moderation, retention runs, exports) with its actor, organization, target, IP and time. The log is append-only. Filter with --org, --action (an action or a family such as auth.*), --actor, --target, --since and --until; page with --page and --per-page.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --org acme --action auth.* --json',
    '<%= config.bin %> <%= command.id %> --since 2026-12-01T00:00:00Z --per-page 200',
  ]
  static flags = {
    'org': Flags.string({ char: 'o', summary: 'Only this organization: id or slug.' }),
    'action': Flags.string({ summary: 'Only this action, or a family with .* (auth.*).' }),
    'actor': Flags.string({ summary: 'Only entries of this acting account id.' }),
    'target': Flags.string({ summary: 'Only entries about this target id.' }),
    'since': Flags.string({ summary: 'Entries at or after this ISO 8601 date-time.' }),
    'until': Flags.string({ summary: 'Entries before this ISO 8601 date-time.' }),
    'page': Flags.integer({ summary: 'Page number (from 1).', min: 1 }),
    'per-page': Flags.integer({ summary: 'Entries per page (at most 500, default 50).', min: 1 }),
  }

  async run() {
    const { flags } = await this.parse(AuditList)
    const page = await this.call<AuditPage>(flags, 'audit:list', {
      org: flags.org,
      action: flags.action,
      actorId: flags.actor,
      targetId: flags.target,
      since: flags.since,
      until: flags.until,
      page: flags.page,
      perPage: flags['per-page'],
    })
    this.log(
      table(page.entries, [
        ['ID', (r) => r.id],
        ['TIME', (r) => r.createdAt],
        ['ACTION', (r) => r.action],
        ['ORG', (r) => r.organizationId],
        ['ACTOR', (r) => r.actorUserId],
        ['TARGET', (r) => (r.targetType ? `${r.targetType}:${r.targetId}` : null)],
        ['IP', (r) => r.ip],
        ['DOOR', (r) => r.door],
      ])
    )
    this.log(`page ${page.meta.currentPage} of ${page.meta.lastPage} (${page.meta.total} entries)`)
    return page
  }
}
