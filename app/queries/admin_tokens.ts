import db from '@adonisjs/lucid/services/db'

/** An admin token as `token list` shows it: never its secret or hash. */
export interface AdminTokenRow {
  id: number
  name: string | null
  userId: string
  username: string
  email: string
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

/** Admin tokens (chatctl `token list`), oldest first, optionally of one account. */
export default class AdminTokenQueries {
  static async list(filter: { userId?: string } = {}): Promise<AdminTokenRow[]> {
    const query = db
      .from('auth_access_tokens as t')
      .join('users as u', 'u.id', 't.tokenable_id')
      .where('t.type', 'admin_token')
      .select(
        't.id',
        't.name',
        't.tokenable_id',
        'u.username',
        'u.email',
        't.created_at',
        't.last_used_at',
        't.expires_at'
      )
      .orderBy('t.id')
    if (filter.userId) query.where('t.tokenable_id', filter.userId)
    const rows = await query
    return rows.map((row) => ({
      id: Number(row.id),
      name: row.name ?? null,
      userId: row.tokenable_id,
      username: row.username,
      email: row.email,
      createdAt: iso(row.created_at)!,
      lastUsedAt: iso(row.last_used_at),
      expiresAt: iso(row.expires_at),
    }))
  }
}
