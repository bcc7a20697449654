import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { hasChatTables } from '#actions/orgs/chat_tables'

/** Analytics of one organization (DESIGN §10), for owners and admins. */
export interface OrgAnalyticsReport {
  members: number
  activeUsers: { last7Days: number; last30Days: number }
  rooms: number
  /** One entry per UTC day, oldest first, the last 30 days including today. */
  messagesPerDay: { date: string; count: number }[]
}

/**
 * Counts for an organization's dashboard. Active users are members whose
 * `users.last_seen_at` falls in the window. Rooms and messages come from the
 * chat module's `rooms` and `messages` tables (both with `organization_id`
 * and `created_at`); `information_schema.tables` says whether both exist,
 * and until they do rooms and messages are reported as zeros, so analytics
 * works before and after the chat migrations.
 */
export default class OrgAnalytics {
  static async handle(actor: Actor): Promise<OrgAnalyticsReport> {
    await authorize(actor, 'accessAnalytics')
    const orgId = actor.organization.id
    const now = DateTime.utc()
    const members = db.from('memberships').where('organization_id', orgId)
    const activeSince = (days: number) =>
      members
        .clone()
        .join('users', 'users.id', 'memberships.user_id')
        .where('users.last_seen_at', '>=', now.minus({ days }).toJSDate())
        .count('* as total')
    const [all, last7, last30, chat] = await Promise.all([
      members.clone().count('* as total'),
      activeSince(7),
      activeSince(30),
      this.chatCounts(orgId, now),
    ])
    return {
      members: Number(all[0].total),
      activeUsers: { last7Days: Number(last7[0].total), last30Days: Number(last30[0].total) },
      ...chat,
    }
  }

  private static async chatCounts(orgId: string, now: DateTime) {
    const start = now.startOf('day').minus({ days: 29 })
    const days = Array.from({ length: 30 }, (_, i) => start.plus({ days: i }).toISODate()!)
    if (!(await hasChatTables())) {
      return { rooms: 0, messagesPerDay: days.map((date) => ({ date, count: 0 })) }
    }
    const [rooms, perDay] = await Promise.all([
      db.from('rooms').where('organization_id', orgId).count('* as total'),
      db
        .from('messages')
        .where('organization_id', orgId)
        .where('created_at', '>=', start.toJSDate())
        .select(db.raw(`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') as day`))
        .count('* as total')
        .groupBy('day'),
    ])
    const counts = new Map(perDay.map((row) => [row.day as string, Number(row.total)]))
    return {
      rooms: Number(rooms[0].total),
      messagesPerDay: days.map((date) => ({ date, count: counts.get(date) ?? 0 })),
    }
  }
}
