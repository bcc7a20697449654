import type { MessageCreated, MessageRead } from '#events/chat_events'
import orgActivity from '#services/org_activity'

/**
 * Domain events → the organization's activity analytics: who sent and who
 * read, whichever door they used (REST, socket, chatctl). Recording is
 * deduplicated per member and day, so this costs a Set lookup per event.
 */
export default class ActivityListener {
  messageCreated(event: MessageCreated) {
    const senderId = event.message.senderId
    if (senderId) orgActivity.record(event.organizationId, senderId, 'sent')
  }

  messageRead(event: MessageRead) {
    orgActivity.record(event.organizationId, event.userId, 'read')
  }
}
