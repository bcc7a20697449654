import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { hasChatTables } from '#actions/orgs/chat_tables'

/** Distinct members over the last 7 and 30 days (UTC days, today included). */
export interface Window {
  last7Days: number
  last30Days: number
}

/** Analytics of one organization (DESIGN §10), for owners and admins. */
export interface OrgAnalyticsReport {
  members: number
  /** Members active in this organization in any way: sent, read, socket or REST. */
  activeUsers: Window
  /** Members who sent at least one message. */
  senders: Window
  /** Members who marked messages read. */
  readers: Window
  /** Members active through each door. */
  byDoor: { socket: Window; rest: Window }
  rooms: number
  /** One entry per UTC day, oldest first, the last 30 days including today. */
  messagesPerDay: { date: string; count: number }[]
  /** The rooms with the most messages over the last 30 days, most first (up to 5). */
  busiestRooms: { roomId: string; name: string | null; type: string; messages: number }[]
}

/** How many rooms `busiestRooms` lists. */
const BUSIEST = 5

/**
 * Counts for an organization's dashboard. Activity comes from
 * `org_activity_days` (app/services/org_activity.ts), which every door
 * feeds per organization: sends and reads through domain events, socket and
 * REST use through the org lookup. Rooms and messages come from the chat
 * module's tables, reported as zeros until those exist.
 */
export default class OrgAnalytics {
  static async handle(actor: Actor): Promise<OrgAnalyticsReport> {
    await authorize(actor, 'accessAnalytics')
    const orgId = actor.organization.id
    const today = DateTime.utc().startOf('day')
    const [members, activity, chat] = await Promise.all([
      db.from('memberships').where('organization_id', orgId).count('* as total'),
      this.activity(orgId, today),
      this.chatCounts(orgId, today),
    ])
    return { members: Number(members[0].total), ...activity, ...chat }
  }

  private static async activity(orgId: string, today: DateTime) {
    const week = today.minus({ days: 6 }).toISODate()
    const counts = (label: string, condition: string) =>
      [
        `count(distinct user_id) filter (where ${condition} and day >= '${week}') as "${label}7"`,
        `count(distinct user_id) filter (where ${condition}) as "${label}30"`,
      ].join(', ')
    const { rows } = await db.rawQuery(
      `SELECT ${counts('active', 'true')}, ${counts('sent', 'sent')}, ${counts('read', 'read')},
        ${counts('socket', 'socket')}, ${counts('rest', 'rest')}
       FROM org_activity_days WHERE organization_id = ? AND day >= ?`,
      [orgId, today.minus({ days: 29 }).toISODate()]
    )
    const row = rows[0]
    const window = (label: string) => ({
      last7Days: Number(row[`${label}7`]),
      last30Days: Number(row[`${label}30`]),
    })
    return {
      activeUsers: window('active'),
      senders: window('sent'),
      readers: window('read'),
      byDoor: { socket: window('socket'), rest: window('rest') },
    }
  }

  private static async chatCounts(orgId: string, today: DateTime) {
    const start = today.minus({ days: 29 })
    const days = Array.from({ length: 30 }, (_, i) => start.plus({ days: i }).toISODate()!)
    if (!(await hasChatTables())) {
      return {
        rooms: 0,
        messagesPerDay: days.map((date) => ({ date, count: 0 })),
        busiestRooms: [],
      }
    }
    const recent = () =>
      db
        .from('messages')
        .where('organization_id', orgId)
        .where('created_at', '>=', start.toJSDate())
    const [rooms, perDay, busiest] = await Promise.all([
      db.from('rooms').where('organization_id', orgId).count('* as total'),
      recent()
        .select(db.raw(`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') as day`))
        .count('* as total')
        .groupBy('day'),
      db
        .from(recent().select('room_id').count('* as total').groupBy('room_id').as('m'))
        .join('rooms', 'rooms.id', 'm.room_id')
        .select('m.room_id', 'm.total', 'rooms.name', 'rooms.type')
        .orderBy('m.total', 'desc')
        .orderBy('m.room_id')
        .limit(BUSIEST),
    ])
    const counts = new Map(perDay.map((row) => [row.day as string, Number(row.total)]))
    return {
      rooms: Number(rooms[0].total),
      messagesPerDay: days.map((date) => ({ date, count: counts.get(date) ?? 0 })),
      busiestRooms: busiest.map((row) => ({
        roomId: row.room_id as string,
        name: (row.name as string | null) ?? null,
        type: row.type as string,
        messages: Number(row.total),
      })),
    }
  }
}
