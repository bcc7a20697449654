import type { HttpContext } from '@adonisjs/core/http'
import ListNotifications from '#actions/notifications/list_notifications'
import MarkNotificationRead from '#actions/notifications/mark_notification_read'
import NotificationTransformer from '#transformers/notification_transformer'
import { listNotificationsValidator } from '#validators/notifications'

/** The caller's notifications in the current organization. */
export default class NotificationsController {
  async index({ request, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(listNotificationsValidator)
    const page = await ListNotifications.handle(actor, input)
    return serialize(NotificationTransformer.paginate(page.all(), page.getMeta()))
  }

  async unreadCount({ actor, serialize }: HttpContext) {
    return serialize({ count: await ListNotifications.unreadCount(actor) })
  }

  async read({ params, actor, serialize }: HttpContext) {
    const notification = await MarkNotificationRead.handle(actor, params.notificationId)
    return serialize(NotificationTransformer.transform(notification))
  }

  async readAll({ actor, serialize }: HttpContext) {
    return serialize({ updated: await MarkNotificationRead.all(actor) })
  }
}
