import orgActivity from '#services/org_activity'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import Organization from '#models/organization'
import Membership from '#models/membership'
import { prefixedColumns, splitJoined } from '#services/joined_rows'
import type { Actor } from '#types/actor'
import { AppException, BadRequestException, NotFoundException } from '#exceptions/app_exception'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Builds the actor for a user in an organization: the one place that decides
 * the org context for REST, sockets and chatctl. An explicit id wins over the
 * user's active organization; none at all is 400 E_ORGANIZATION_REQUIRED; an
 * organization the user is not a member of is 404.
 */
export async function resolveActor(
  user: User,
  organizationId?: string | null,
  door: Door = 'rest'
): Promise<Actor> {
  const orgId = organizationId || user.activeOrganizationId
  if (!orgId) {
    throw new BadRequestException(
      'An organization is required: send x-organization-id or set an active organization',
      'E_ORGANIZATION_REQUIRED'
    )
  }
  return actorFor(user, orgId, door)
}

/**
 * How long a membership read with the request's token (app/services/
 * token_sessions.ts) may stand in for the actor's own lookup: it is taken by
 * that same request's first actor, microseconds later; the bound only keeps
 * a user object that outlives its request (a socket's) from ever using it.
 */
const PREFETCH_MS = 1000

const prefetched = new WeakMap<
  User,
  { membership: Membership; organization: Organization; at: number }
>()

/**
 * Hands `actorFor` the user's membership in an organization, read in the
 * same statement as the user (the active organization's, with the token).
 * Used once: the next `actorFor` of this user object takes it (when it asks
 * for that organization and within PREFETCH_MS) or drops it, so every later
 * actor of a long-lived user object is read again.
 */
export function prefetchMembership(user: User, membership: Membership, organization: Organization) {
  prefetched.set(user, { membership, organization, at: performance.now() })
}

/** The prefetched membership of `user` in `organizationId`, if fresh; consumed either way. */
function takePrefetched(user: User, organizationId: string) {
  const entry = prefetched.get(user)
  if (!entry) return undefined
  prefetched.delete(user)
  if (entry.organization.id !== organizationId) return undefined
  if (performance.now() - entry.at > PREFETCH_MS) return undefined
  return entry
}

/** Which door a member came through, for the organization's activity analytics. */
export type Door = 'socket' | 'rest'

/**
 * The actor for a user in a given organization, or 404 if they are not a
 * member: membership and organization in one query (every chat request pays it),
 * or none when the request's token read them already (`prefetchMembership`).
 * It also records that the member was active in the organization today
 * through `door` (app/services/org_activity.ts: one write per member, day
 * and door on each node).
 * A bot acts in the organization that owns it only: any other is 404, even
 * if it was made a member there.
 * A member without two-factor authentication in an organization that requires
 * it is 403 E_TWO_FACTOR_REQUIRED on every door (REST, sockets, SSE, media):
 * they still see the organization in their list and can turn 2FA on.
 */
export async function actorFor(
  user: User,
  organizationId: string,
  door: Door = 'rest'
): Promise<Actor> {
  const ready = takePrefetched(user, organizationId)
  if (!UUID.test(organizationId)) throw new NotFoundException('Organization not found')
  if (user.botOrganizationId && user.botOrganizationId !== organizationId) {
    throw new NotFoundException('Organization not found')
  }
  const { membership, organization } = ready ?? (await loadMembership(user, organizationId))
  if (organization.settings?.requireTwoFactor && !user.twoFactorEnabledAt) {
    throw new AppException(
      'This organization requires two-factor authentication: turn it on for your account first',
      { status: 403, code: 'E_TWO_FACTOR_REQUIRED' }
    )
  }
  orgActivity.record(organization.id, user.id, door)
  return { user, organization, membership }
}

/** The membership of `user` in an organization, with the organization: one query, 404 if none. */
async function loadMembership(user: User, organizationId: string) {
  const row = await db
    .from('memberships as m')
    .join('organizations as o', 'o.id', 'm.organization_id')
    .where('m.organization_id', organizationId)
    .where('m.user_id', user.id)
    .select('m.*', ...prefixedColumns(Organization, 'o', 'org'))
    .first()
  if (!row) throw new NotFoundException('Organization not found')
  const [membership, organization] = splitJoined(row, Membership, Organization, 'org')
  return { membership, organization }
}

/** Whether a string is a UUID (ids from the path are checked before any query). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
