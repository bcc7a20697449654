import emitter from '@adonisjs/core/services/emitter'
import { committedTransaction } from '#services/committed_transaction'
import { restampMessage } from '#domain/messages/message_changes'
import type Message from '#models/message'
import MessageModel from '#models/message'

/** A link preview as a plugin hands it over (Open Graph data of a public page). */
export interface LinkPreviewInput {
  url: string
  title: string | null
  description: string | null
  imageUrl: string | null
  siteName: string | null
}

/**
 * Attaches a link preview to a message (the link-previews plugin calls it
 * after fetching the page): stored beside the message, the message
 * restamped (`versionSeq`) and `link_preview` sent to the room after
 * commit. A deleted message, or one that already has a preview, is left
 * alone. Returns whether the preview was attached.
 */
export default class AddLinkPreview {
  static async handle(messageId: string, preview: LinkPreviewInput) {
    const message = await committedTransaction(async (trx) => {
      // The room row first, as edits and deletes take it before the message.
      await trx.rawQuery(
        'SELECT r.id FROM rooms r JOIN messages m ON m.room_id = r.id WHERE m.id = ? FOR UPDATE OF r',
        [messageId]
      )
      const target: Message | null = await MessageModel.query({ client: trx })
        .where('id', messageId)
        .whereNull('deleted_at')
        .forUpdate()
        .first()
      if (!target) return null
      const inserted = await trx.rawQuery(
        `INSERT INTO message_previews (message_id, organization_id, room_id, preview)
         VALUES (?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING RETURNING message_id`,
        [target.id, target.organizationId, target.roomId, JSON.stringify(preview)]
      )
      if (!inserted.rows.length) return null
      await restampMessage(trx, target, 'preview')
      return target
    })
    if (!message) return false
    emitter.emit('message:preview_added', {
      organizationId: message.organizationId,
      roomId: message.roomId,
      messageId: message.id,
      versionSeq: message.versionSeq,
      preview,
    })
    return true
  }
}
