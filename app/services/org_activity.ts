import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'

/** How a member was active: sent, read, or used a door (socket, REST). */
export type ActivityKind = 'sent' | 'read' | 'socket' | 'rest'

const KINDS: ReadonlySet<ActivityKind> = new Set(['sent', 'read', 'socket', 'rest'])

/**
 * Records member activity per organization and UTC day for analytics
 * (table `org_activity_days`). Each node writes a (member, organization,
 * day, kind) at most once: later calls that day cost a Set lookup, so the
 * send and request paths pay nothing measurable. Writes are not awaited by
 * callers; a failed write is logged and tried again on the next activity.
 */
export class OrgActivity {
  #day = ''
  #seen = new Set<string>()
  #pending = new Set<Promise<void>>()

  /** Notes that `userId` was active in `organizationId` in this way today. */
  record(organizationId: string, userId: string, kind: ActivityKind) {
    if (!KINDS.has(kind)) return
    // The UTC day as YYYY-MM-DD (a luxon DateTime per send cost more than the rest of this).
    const day = new Date().toISOString().slice(0, 10)
    if (day !== this.#day) {
      this.#day = day
      this.#seen.clear()
    }
    const key = `${organizationId}|${userId}|${kind}`
    if (this.#seen.has(key)) return
    this.#seen.add(key)
    const write = this.#write(organizationId, userId, day, kind).catch((error) => {
      this.#seen.delete(key)
      logger.warn({ err: error, organizationId, userId, kind }, 'activity not recorded')
    })
    this.#pending.add(write)
    void write.finally(() => this.#pending.delete(write))
  }

  /** Resolves once the writes started so far are done (tests, shutdown). */
  async settled() {
    while (this.#pending.size) await Promise.all([...this.#pending])
  }

  /** Forgets what was written today (tests that truncate the table). */
  reset() {
    this.#seen.clear()
  }

  async #write(organizationId: string, userId: string, day: string, kind: ActivityKind) {
    await db.rawQuery(
      `INSERT INTO org_activity_days (organization_id, day, user_id, "${kind}")
       VALUES (?, ?, ?, true)
       ON CONFLICT (organization_id, day, user_id) DO UPDATE SET "${kind}" = true`,
      [organizationId, day, userId]
    )
  }
}

/** The process's activity recorder. */
const orgActivity = new OrgActivity()
export default orgActivity
