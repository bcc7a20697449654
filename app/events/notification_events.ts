import type Notification from '#models/notification'

/**
 * Payload of `notification:created`: one committed notification, as its
 * model. The fan-out listener shapes it for its recipient.
 */
export interface NotificationCreated {
  organizationId: string
  userId: string
  notification: Notification
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
