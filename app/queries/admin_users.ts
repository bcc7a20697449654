import User from '#models/user'
import Membership from '#models/membership'

export type { default as User } from '#models/user'

/** The read side of chatctl `user …`: every account on the server, whatever its organizations. */
export default class AdminUserQueries {
  /** Up to `limit` accounts whose username or email starts with `search`, by username. */
  static list(input: { search?: string; limit?: number }) {
    const query = User.query()
      .orderByRaw('lower(username)')
      .orderBy('id')
      .limit(input.limit ?? 100)
    if (input.search) {
      const prefix = `${input.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`
      query.where((q) => {
        q.whereRaw('lower(username) like ?', [prefix]).orWhereRaw('lower(email) like ?', [prefix])
      })
    }
    return query
  }

  /** An account by id, as stored now. */
  static find(userId: string) {
    return User.findOrFail(userId)
  }

  /** The account's memberships, oldest first, each with its organization loaded. */
  static memberships(userId: string) {
    return Membership.query().where('user_id', userId).preload('organization').orderBy('created_at')
  }
}
