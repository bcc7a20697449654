import Notification from '#models/notification'
import type { Actor } from '#types/actor'

/** Input of the notification list: page, page size, only unread ones. */
export interface ListNotificationsInput {
  page?: number
  perPage?: number
  unread?: boolean
}

/**
 * The actor's notifications in the actor's organization, newest first, and
 * their unread count. Both queries follow the
 * `(user_id, organization_id, read_at, created_at)` index.
 */
export default class ListNotifications {
  static async handle(actor: Actor, input: ListNotificationsInput) {
    const query = Notification.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('user_id', actor.user.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    if (input.unread) query.whereNull('read_at')
    return query.paginate(input.page ?? 1, input.perPage ?? 25)
  }

  /** How many of the actor's notifications in the organization are unread. */
  static async unreadCount(actor: Actor): Promise<number> {
    const row = await Notification.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('user_id', actor.user.id)
      .whereNull('read_at')
      .count('* as total')
      .first()
    return Number(row?.$extras.total ?? 0)
  }
}
