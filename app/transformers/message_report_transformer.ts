import { BaseTransformer } from '@adonisjs/core/transformers'
import type MessageReport from '#models/message_report'
import type Message from '#models/message'

/**
 * A report in the moderation queue, with the reported message as it is now:
 * its text (null once deleted, or in an end-to-end encrypted room, which the
 * server cannot read).
 */
export default class MessageReportTransformer extends BaseTransformer<
  MessageReport & { reportedMessage?: Message }
> {
  toObject() {
    const message = this.resource.reportedMessage
    return {
      ...this.pick(this.resource, [
        'id',
        'organizationId',
        'roomId',
        'messageId',
        'reporterId',
        'reason',
        'status',
        'resolution',
        'resolvedById',
      ]),
      resolvedAt: this.resource.resolvedAt?.toISO() ?? null,
      createdAt: this.resource.createdAt.toISO(),
      message: message
        ? {
            senderId: message.senderId,
            seq: message.seq,
            content: message.body,
            deleted: message.deletedAt !== null,
            encrypted: message.encryptedPayload !== null,
            createdAt: message.createdAt.toISO(),
          }
        : null,
    }
  }
}
