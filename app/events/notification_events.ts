import type { NotificationObject } from '#transformers/notification_transformer'

/** Payload of `notification:created`: one committed notification, as its recipient sees it. */
export interface NotificationCreated {
  organizationId: string
  userId: string
  notification: NotificationObject
}

/**
 * Notification events, emitted after the notification rows are committed.
 * The real-time fan-out turns `notification:created` into the `notification`
 * socket event for the recipient (DESIGN.md §6).
 */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'notification:created': NotificationCreated
  }
}
