import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { orgFlag } from '../flags.js'
import { table } from '../output.js'

/** An invite as admins see it (never its token). */
export interface InviteRow {
  id: string
  organizationId: string
  email: string
  role: string
  invitedById: string | null
  status: string
  expiresAt: string
  createdAt: string
  /** True once the SMTP server accepted the invite mail. */
  emailSent: boolean
  /** What became of the invite mail: logged (no SMTP), queued, sent or failed. */
  mail: { status: string; attempts: number; lastError: string | null; sentAt: string | null } | null
}

/** Lists pending invites. */
export default class InviteList extends ServerCommand<InviteRow[]> {
  static summary = "List an organization's pending invites."
  static description = describe(
    'Invites not yet accepted or revoked (expired ones included), newest first, with what became of each invite mail: logged (no SMTP configured, never sent), queued, sent or failed (with the last error).'
  )
  static examples = ['<%= config.bin %> <%= command.id %> --org acme --json']
  static flags = { org: orgFlag() }

  async run() {
    const { flags } = await this.parse(InviteList)
    const rows = await this.call<InviteRow[]>(flags, 'invite:list', { org: flags.org })
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['EMAIL', (r) => r.email],
        ['ROLE', (r) => r.role],
        ['STATUS', (r) => r.status],
        ['MAIL', (r) => r.mail?.status ?? '-'],
        ['EXPIRES', (r) => r.expiresAt],
      ])
    )
    return rows
  }
}
