import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import User from '#models/user'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'

/** Search and page options of GET /users. */
export interface UserSearch {
  search?: string
  page?: number
  perPage?: number
}

/**
 * The read side of the users module, shared by REST and chatctl. People see
 * only users who share at least one organization with them (and always
 * themselves); anyone else does not exist for them, so lookups answer 404.
 */
export default class UserQueries {
  /**
   * One page of active users sharing an organization with `viewer` (the
   * viewer included once they belong to one), by username.
   */
  static search(viewer: User, input: UserSearch) {
    const query = User.query()
      .whereIn('users.id', sharedOrgMembers(viewer))
      .whereNull('users.deactivated_at')
    if (input.search) {
      const prefix = `${escapeLike(input.search.toLowerCase())}%`
      query.where((q) => {
        q.whereRaw('lower(users.username) like ?', [prefix])
          .orWhereRaw('lower(users.display_name) like ?', [prefix])
          .orWhereRaw('lower(users.email) like ?', [prefix])
      })
    }
    return query
      .orderByRaw('lower(users.username)')
      .orderBy('users.id')
      .paginate(input.page ?? 1, input.perPage ?? 25)
  }

  /** A user by id, or 404 when absent or sharing no organization with `viewer`. */
  static async findVisible(viewer: User, id: string) {
    if (!isUuid(id)) throw new NotFoundException('User not found')
    return this.firstVisible(viewer, this.visibleTo(viewer).where('users.id', id))
  }

  /** A user by username (case-insensitive), with the same visibility as `findVisible`. */
  static async findVisibleByUsername(viewer: User, username: string) {
    const query = this.visibleTo(viewer).whereRaw('lower(users.username) = ?', [
      username.toLowerCase(),
    ])
    return this.firstVisible(viewer, query)
  }

  private static async firstVisible(viewer: User, query: ModelQueryBuilderContract<typeof User>) {
    const user = await query.first()
    if (!user) throw new NotFoundException('User not found')
    return user.id === viewer.id ? viewer : user
  }

  /** Users who are `viewer` or share an organization with them. */
  private static visibleTo(viewer: User) {
    return User.query().where((q) => {
      q.where('users.id', viewer.id).orWhereIn('users.id', sharedOrgMembers(viewer))
    })
  }
}

/** Ids of the members of every organization `viewer` belongs to (a subquery). */
function sharedOrgMembers(viewer: User) {
  return db
    .from('memberships as theirs')
    .join('memberships as mine', 'mine.organization_id', 'theirs.organization_id')
    .where('mine.user_id', viewer.id)
    .select('theirs.user_id')
}

/** Makes `%`, `_` and `\` match literally in a LIKE pattern. */
function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`)
}
