import { BaseTransformer } from '@adonisjs/core/transformers'
import type Notification from '#models/notification'

/**
 * A notification as its recipient sees it, on REST and the `notification`
 * socket event. It carries ids, not text: the client opens the message by
 * `roomId` and `data.seq` with its own access to the room.
 */
export default class NotificationTransformer extends BaseTransformer<Notification> {
  toObject() {
    const notification = this.resource
    return {
      id: notification.id,
      organizationId: notification.organizationId,
      type: notification.type,
      roomId: notification.roomId,
      messageId: notification.messageId,
      actorId: notification.actorId,
      data: { ...notification.data },
      readAt: notification.readAt?.toISO() ?? null,
      createdAt: notification.createdAt.toISO(),
    }
  }
}

/** The plain shape of a serialized notification, as the `notification` event carries it. */
export type NotificationObject = ReturnType<NotificationTransformer['toObject']>
