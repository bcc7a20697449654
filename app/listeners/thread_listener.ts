import logger from '@adonisjs/core/services/logger'
import type { MessageCreated } from '#events/chat_events'
import RecordThreadReply from '#actions/threads/record_thread_reply'

/** Thread work started by events and not finished yet. */
const pending = new Set<Promise<void>>()

/** Resolves once every reply seen so far is filed under its thread (shutdown and tests wait for it). */
export async function threadsSettled() {
  while (pending.size) await Promise.allSettled([...pending])
}

/**
 * `message:created` → a reply is filed under its thread. A failure is
 * logged, never sent back to the sender, whose message is already stored.
 */
export default class ThreadListener {
  messageCreated(event: MessageCreated) {
    if (!event.message.replyToId) return
    const work = RecordThreadReply.handle(event).then(
      () => {},
      (error) => logger.error({ err: error, messageId: event.message.id }, 'filing a reply failed')
    )
    pending.add(work)
    work.finally(() => pending.delete(work)).catch(() => {})
    return work
  }
}
