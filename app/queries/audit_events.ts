import { DateTime } from 'luxon'
import AuditEvent from '#models/audit_event'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'

/** Filters of an audit listing, all optional. */
export interface AuditFilters {
  action?: string
  actorId?: string
  targetId?: string
  since?: Date
  until?: Date
  page?: number
  perPage?: number
}

/** The filters on an entry query, newest first. */
function filtered(filters: AuditFilters) {
  const query = AuditEvent.query()
  if (filters.action) {
    if (filters.action.endsWith('.*')) query.whereLike('action', `${filters.action.slice(0, -1)}%`)
    else query.where('action', filters.action)
  }
  if (filters.actorId) query.where('actor_user_id', filters.actorId)
  if (filters.targetId) query.where('target_id', filters.targetId)
  if (filters.since) query.where('created_at', '>=', DateTime.fromJSDate(filters.since).toSQL()!)
  if (filters.until) query.where('created_at', '<', DateTime.fromJSDate(filters.until).toSQL()!)
  return query.orderBy('id', 'desc')
}

/** The read side of the audit log. */
export default class AuditQueries {
  /**
   * An organization's entries (owners and admins: 403 for lower roles),
   * newest first, paged; entries of other organizations never match.
   */
  static async forOrganization(actor: Actor, filters: AuditFilters) {
    await authorize(actor, 'viewAuditLog')
    return filtered(filters)
      .withScopes((s) => s.forOrg(actor.organization.id))
      .paginate(filters.page ?? 1, filters.perPage ?? 50)
  }

  /**
   * Every entry of the server (server admins: the admin API and chatctl),
   * optionally of one organization (`organizationId`, which may be a
   * deleted one's).
   */
  static serverWide(filters: AuditFilters & { organizationId?: string }) {
    const query = filtered(filters)
    if (filters.organizationId) query.withScopes((s) => s.forOrg(filters.organizationId!))
    return query.paginate(filters.page ?? 1, filters.perPage ?? 50)
  }
}
