import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { sweepRetention } from '#domain/retention/retention_sweep'

/** The retention read side: an organization's rules, and what a run would delete. */
export default class RetentionQueries {
  /** The organization's days and each room's own (owners and admins). */
  static async policy(actor: Actor) {
    await authorize(actor, 'manageRetention')
    const orgId = actor.organization.id
    const org = await db.from('organizations').where('id', orgId).select('retention_days').first()
    const rooms = await db
      .from('rooms')
      .where('organization_id', orgId)
      .whereNotNull('retention_days')
      .orderBy('id')
      .select('id', 'retention_days')
    return {
      organizationId: orgId,
      days: (org?.retention_days as number | null) ?? null,
      rooms: rooms.map((row) => ({ roomId: row.id as string, days: row.retention_days as number })),
    }
  }

  /** What the next run would delete in the organization, counted without deleting. */
  static async preview(actor: Actor) {
    await authorize(actor, 'manageRetention')
    const [count] = await sweepRetention({ organizationId: actor.organization.id, dryRun: true })
    return count ?? { organizationId: actor.organization.id, messages: 0, files: 0, rooms: 0 }
  }
}
