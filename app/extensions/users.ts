import type User from '#models/user'
import UserQueries from '#queries/users'

/**
 * A user by id, or 404 when absent or sharing no organization with `viewer`:
 * the visibility rule of core's user lookups, for a plugin's user routes.
 */
export function findVisibleUser(viewer: User, userId: string) {
  return UserQueries.findVisible(viewer, userId)
}
