import logger from '@adonisjs/core/services/logger'
import type { NotificationType } from '#models/notification'

/**
 * What a push carries: ids and the kind of notification, never message
 * text. Pushes travel through the push provider (Google for FCM), so they
 * say "new message" or "you were mentioned" and the app fetches the rest
 * over the API with its own access to the room.
 */
export interface PushNotification {
  notificationId: string
  organizationId: string
  userId: string
  type: NotificationType
  roomId: string | null
  messageId: string | null
}

/**
 * A push delivery channel, provided by a plugin (push-fcm). `enqueue` must
 * return quickly: it hands the pushes to a job queue, it does not deliver.
 */
export interface PushSender {
  readonly id: string
  enqueue(pushes: PushNotification[]): Promise<void>
}

/**
 * Core's push extension point (DESIGN.md §2, §8): the notification listener
 * hands every new notification here, and whichever plugins registered a
 * sender queue their delivery. With no push plugin enabled this does
 * nothing. A failing sender is logged; it never fails the others or the
 * notification itself.
 */
export class PushDispatcher {
  #senders = new Map<string, PushSender>()

  /** Adds a sender (a plugin's boot); a second sender with the same id replaces the first. */
  register(sender: PushSender) {
    this.#senders.set(sender.id, sender)
  }

  /** Removes a sender (a plugin's shutdown). */
  unregister(id: string) {
    this.#senders.delete(id)
  }

  /** Whether any push plugin is active. */
  get active() {
    return this.#senders.size > 0
  }

  /** Hands the pushes to every registered sender. */
  async dispatch(pushes: PushNotification[]) {
    if (!pushes.length) return
    for (const sender of this.#senders.values()) {
      try {
        await sender.enqueue(pushes)
      } catch (error) {
        logger.error({ err: error, sender: sender.id }, 'queueing pushes failed')
      }
    }
  }
}

/** The process's push dispatcher. */
const pushDispatcher = new PushDispatcher()
export default pushDispatcher
