import db from '@adonisjs/lucid/services/db'
import { Secret } from '@adonisjs/core/helpers'
import User from '#models/user'
import { isUuid } from '#services/org_context'
import { verifySession } from '#services/token_sessions'

/** One live connection's claims: its user, access token and organizations. */
export interface SessionClaim {
  userId: string
  tokenId: string
  organizationIds: string[]
}

/** What the database says about a set of claims. */
export interface SessionVerdict {
  /** The token exists, is an API token of this user, has not expired, and the account is active. */
  tokenLive(tokenId: string, userId: string): boolean
  /** The user is still a member of the organization. */
  isMember(userId: string, organizationId: string): boolean
}

const CHUNK = 1000
const TOKEN_ID = /^\d{1,18}$/

function chunks<T>(items: T[]) {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/** Live API tokens among `tokenIds`, with the account each belongs to. */
async function liveTokens(tokenIds: string[]) {
  const live = new Map<string, string>()
  for (const ids of chunks(tokenIds.filter((id) => TOKEN_ID.test(id)))) {
    const rows = await db
      .from('auth_access_tokens as t')
      .join('users as u', 'u.id', 't.tokenable_id')
      .whereIn('t.id', ids)
      .where('t.type', 'auth_token')
      .whereNull('u.deactivated_at')
      .where((q) => q.whereNull('t.expires_at').orWhere('t.expires_at', '>', new Date()))
      .select('t.id', 't.tokenable_id')
    for (const row of rows) live.set(String(row.id), String(row.tokenable_id))
  }
  return live
}

async function memberships(pairs: [string, string][]) {
  const found = new Set<string>()
  for (const chunk of chunks(pairs.filter(([u, o]) => isUuid(u) && isUuid(o)))) {
    const rows = await db
      .from('memberships')
      .whereIn(['user_id', 'organization_id'], chunk)
      .select('user_id', 'organization_id')
    for (const row of rows) found.add(`${row.user_id}/${row.organization_id}`)
  }
  return found
}

/**
 * Re-validates many live sessions at once (the real-time safety net behind
 * the revocation events): one query for the tokens and one for the
 * memberships per thousand sessions, whatever their number of events.
 */
export async function checkSessions(claims: SessionClaim[]): Promise<SessionVerdict> {
  const tokenIds = [...new Set(claims.map((claim) => claim.tokenId))]
  const pairs = new Map<string, [string, string]>()
  for (const claim of claims) {
    for (const orgId of claim.organizationIds)
      pairs.set(`${claim.userId}/${orgId}`, [claim.userId, orgId])
  }
  const [live, members] = await Promise.all([
    liveTokens(tokenIds),
    memberships([...pairs.values()]),
  ])
  return {
    tokenLive: (tokenId, userId) => live.get(tokenId) === userId,
    isMember: (userId, organizationId) => members.has(`${userId}/${organizationId}`),
  }
}

/**
 * The user behind an opaque access token, with the token's id, or null when
 * the token is unknown, revoked or expired, or its user is deactivated. The
 * socket handshake uses it; REST gets the same answer from the auth guard.
 */
export async function activeSessionOfToken(
  raw: string
): Promise<{ user: User; tokenId: string } | null> {
  const session = await verifySession(User.accessTokens, new Secret(raw))
  if (!session || session.user.deactivatedAt) return null
  return { user: session.user, tokenId: String(session.token.identifier) }
}
