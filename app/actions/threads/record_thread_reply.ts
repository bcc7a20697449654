import emitter from '@adonisjs/core/services/emitter'
import { committedTransaction } from '#services/committed_transaction'
import Message from '#models/message'
import { restampMessage } from '#domain/messages/message_changes'
import { loadMessageExtras } from '#domain/messages/message_extras'
import { threadRootFor } from '#domain/threads/thread_followers'

/** A committed message, as `message:created` carries it. */
interface CommittedMessage {
  organizationId: string
  roomId: string
  message: Message
}

/**
 * Files a committed reply under its thread (the parent's own root, or the
 * parent), restamps the root (`versionSeq`: its summary changed, so `?after=`
 * and `sync` return it) and sends `thread_updated` after commit. Runs from
 * the `message:created` listener, after the reply's own transaction: the
 * send path is left as fast as it was. Recording a reply twice does nothing.
 */
export default class RecordThreadReply {
  static async handle({ organizationId, roomId, message }: CommittedMessage) {
    if (!message.replyToId) return null
    const root = await committedTransaction(async (trx) => {
      // The room row first, as edits and deletes take it before a message.
      await trx.rawQuery('SELECT id FROM rooms WHERE id = ? FOR UPDATE', [roomId])
      const rootId = await threadRootFor(message.replyToId!, trx)
      const target = await Message.query({ client: trx })
        .where('id', rootId)
        .where('room_id', roomId)
        .first()
      if (!target) return null
      const inserted = await trx.rawQuery(
        `INSERT INTO thread_replies (message_id, root_id, organization_id, room_id, seq)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING message_id`,
        [message.id, target.id, organizationId, roomId, message.seq]
      )
      if (!inserted.rows.length) return null
      await restampMessage(trx, target, 'thread')
      return target
    })
    if (!root) return null
    await loadMessageExtras([root], null)
    emitter.emit('thread:updated', { organizationId, roomId, root, replyId: message.id })
    return root
  }
}
