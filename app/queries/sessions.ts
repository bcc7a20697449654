import db from '@adonisjs/lucid/services/db'

/** One session of an account: an API access token and where it was opened. */
export interface SessionRow {
  id: string
  name: string | null
  ip: string | null
  userAgent: string | null
  createdAt: Date
  lastUsedAt: Date | null
  expiresAt: Date | null
}

/** The sessions of an account (its API tokens; admin tokens are not sessions). */
export default class SessionQueries {
  /** Unexpired sessions, most recently used first. */
  static async listFor(userId: string): Promise<SessionRow[]> {
    const rows = await db
      .from('auth_access_tokens')
      .where('tokenable_id', userId)
      .where('type', 'auth_token')
      .where((query) => query.whereNull('expires_at').orWhere('expires_at', '>', new Date()))
      .orderByRaw('coalesce(last_used_at, created_at) DESC, id DESC')
      .limit(500)
      .select('id', 'name', 'ip', 'user_agent', 'created_at', 'last_used_at', 'expires_at')
    return rows.map((row) => ({
      id: String(row.id),
      name: row.name,
      ip: row.ip,
      userAgent: row.user_agent,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      expiresAt: row.expires_at,
    }))
  }
}
