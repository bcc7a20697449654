import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import Organization from '#models/organization'
import Membership from '#models/membership'
import { prefixedColumns, splitJoined } from '#services/joined_rows'
import type { Actor } from '#types/actor'
import { BadRequestException, NotFoundException } from '#exceptions/app_exception'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Builds the actor for a user in an organization: the one place that decides
 * the org context for REST, sockets and chatctl. An explicit id wins over the
 * user's active organization; none at all is 400 E_ORGANIZATION_REQUIRED; an
 * organization the user is not a member of is 404.
 */
export async function resolveActor(user: User, organizationId?: string | null): Promise<Actor> {
  const orgId = organizationId || user.activeOrganizationId
  if (!orgId) {
    throw new BadRequestException(
      'An organization is required: send x-organization-id or set an active organization',
      'E_ORGANIZATION_REQUIRED'
    )
  }
  return actorFor(user, orgId)
}

/**
 * The actor for a user in a given organization, or 404 if they are not a
 * member: membership and organization in one query (every chat request pays it).
 */
export async function actorFor(user: User, organizationId: string): Promise<Actor> {
  if (!UUID.test(organizationId)) throw new NotFoundException('Organization not found')
  const row = await db
    .from('memberships as m')
    .join('organizations as o', 'o.id', 'm.organization_id')
    .where('m.organization_id', organizationId)
    .where('m.user_id', user.id)
    .select('m.*', ...prefixedColumns(Organization, 'o', 'org'))
    .first()
  if (!row) throw new NotFoundException('Organization not found')
  const [membership, organization] = splitJoined(row, Membership, Organization, 'org')
  return { user, organization, membership }
}

/** Whether a string is a UUID (ids from the path are checked before any query). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
