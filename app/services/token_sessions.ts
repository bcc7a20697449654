import type { Secret } from '@adonisjs/core/helpers'
import type { AccessToken } from '@adonisjs/auth/access_tokens'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import User from '#models/user'
import Membership from '#models/membership'
import Organization from '#models/organization'
import type { ParleyAccessTokensProvider } from '#services/access_tokens'
import { prefixedColumns } from '#services/joined_rows'
import { prefetchMembership } from '#services/org_context'

/*
 * A request's session in one statement: the access token, its user, and the
 * user's membership (with its organization) in the user's active
 * organization, where most requests act (app/services/org_context.ts). The
 * library reads the token, then the user, then the org scope the membership:
 * three round trips before any work. Everything here is read fresh for the
 * request, never cached: a revoked token, a deactivated account or a removed
 * member fails this very request, as before.
 */

/** Split a joined row into the columns of one prefix (`prefix__column`). */
function part(row: Record<string, unknown>, prefix: string) {
  const marker = `${prefix}__`
  const own: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(marker)) own[key.slice(marker.length)] = value
  }
  return own
}

/** The token row's user, and its membership and organization in the active organization. */
function withUserAndMembership(query: DatabaseQueryBuilderContract) {
  query
    .join('users as u', 'u.id', 't.tokenable_id')
    .leftJoin('memberships as m', (on) => {
      on.on('m.user_id', 'u.id').andOn('m.organization_id', 'u.active_organization_id')
    })
    .leftJoin('organizations as o', 'o.id', 'm.organization_id')
    .select(
      ...prefixedColumns(User, 'u', 'user'),
      ...prefixedColumns(Membership, 'm', 'mem'),
      ...prefixedColumns(Organization, 'o', 'org')
    )
}

/**
 * Verifies an access token (of `tokens`, the provider of one token type)
 * and reads its user and active membership in the same statement. Null for
 * an unknown, revoked or expired token or a missing user; a deactivated
 * user is returned (each door decides what that means, as with `User.find`).
 */
export async function verifySession(
  tokens: ParleyAccessTokensProvider<typeof User>,
  secret: Secret<string>
): Promise<{ token: AccessToken; user: User } | null> {
  const verified = await tokens.verifyJoined(secret, withUserAndMembership)
  if (!verified) return null
  const { token, row } = verified
  const user = User.$createFromAdapterResult(part(row, 'user'))
  if (!user) return null
  if (row.mem__id !== null && row.org__id !== null) {
    prefetchMembership(
      user,
      Membership.$createFromAdapterResult(part(row, 'mem'))!,
      Organization.$createFromAdapterResult(part(row, 'org'))!
    )
  }
  return { token, user }
}
