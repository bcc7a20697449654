import logger from '@adonisjs/core/services/logger'
import type { MessageCreated } from '#events/chat_events'
import CreateMessageNotifications from '#actions/notifications/create_message_notifications'

/** Notification work started by events and not finished yet. */
const pending = new Set<Promise<void>>()

/**
 * Resolves once every notification started so far is written and handed to
 * the push plugins. Shutdown waits for it so a message sent just before a
 * SIGTERM still notifies; tests wait for it before emptying tables.
 */
export async function notificationsSettled() {
  while (pending.size) await Promise.allSettled([...pending])
}

/**
 * Domain events → notifications (DESIGN.md §2). Runs after the message is
 * committed and acknowledged; a failure here is logged and never reaches the
 * sender, whose message is already stored.
 */
export default class NotificationListener {
  messageCreated(event: MessageCreated) {
    const work = CreateMessageNotifications.handle(event).then(
      () => {},
      (error) => {
        logger.error({ err: error, messageId: event.message.id }, 'creating notifications failed')
      }
    )
    pending.add(work)
    work.finally(() => pending.delete(work)).catch(() => {})
    return work
  }
}
