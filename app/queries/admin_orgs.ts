import db from '@adonisjs/lucid/services/db'
import Organization from '#models/organization'

export type { default as Organization, OrganizationSettings } from '#models/organization'

/** Organizations with their member and room counts (`$extras`), by name. */
function withCounts() {
  return Organization.query()
    .select('organizations.*')
    .select(
      db.raw(
        '(SELECT count(*) FROM memberships m WHERE m.organization_id = organizations.id)::int AS "memberCount"'
      ),
      db.raw(
        '(SELECT count(*) FROM rooms r WHERE r.organization_id = organizations.id)::int AS "roomCount"'
      )
    )
    .orderBy('organizations.name')
    .orderBy('organizations.id')
}

/**
 * The read side of chatctl `org …`: every organization on the server, as
 * server admins see them (with counts), whatever their own memberships.
 */
export default class AdminOrgQueries {
  /** Up to `limit` organizations whose name or slug starts with `search`. */
  static list(input: { search?: string; limit?: number }) {
    const query = withCounts().limit(input.limit ?? 100)
    if (input.search) {
      const prefix = `${input.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`
      query.where((q) => q.whereRaw('lower(name) like ?', [prefix]).orWhere('slug', 'like', prefix))
    }
    return query
  }

  /** One organization with its counts (it exists: the caller resolved it). */
  static withCounts(organizationId: string) {
    return withCounts().where('organizations.id', organizationId).firstOrFail()
  }
}
