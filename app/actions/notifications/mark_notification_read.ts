import { DateTime } from 'luxon'
import Notification from '#models/notification'
import type { Actor } from '#types/actor'
import { NotFoundException } from '#exceptions/app_exception'
import { isUuid } from '#services/org_context'

/**
 * Marks one of the actor's notifications read. Another user's notification,
 * another organization's and an absent one are the same 404 (DESIGN.md §3).
 * Reading it again keeps the first `readAt`.
 */
export default class MarkNotificationRead {
  static async handle(actor: Actor, notificationId: string) {
    if (!isUuid(notificationId)) throw notificationNotFound()
    const notification = await Notification.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('user_id', actor.user.id)
      .where('id', notificationId)
      .first()
    if (!notification) throw notificationNotFound()
    if (!notification.readAt) {
      notification.readAt = DateTime.now()
      await notification.save()
    }
    return notification
  }

  /** Marks every unread notification of the actor in the organization read; returns how many. */
  static async all(actor: Actor): Promise<number> {
    const updated = await Notification.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('user_id', actor.user.id)
      .whereNull('read_at')
      .update({ read_at: new Date() })
    return Number(Array.isArray(updated) ? updated[0] : updated)
  }
}

function notificationNotFound() {
  return new NotFoundException('Notification not found')
}
