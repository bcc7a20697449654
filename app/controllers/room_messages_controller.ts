import type { HttpContext } from '@adonisjs/core/http'
import ListMessages from '#queries/message_pages'
import MessageRecordTransformer from '#transformers/message_record_transformer'
import { listMessagesValidator } from '#validators/chat'

/** A room's messages by seq, or its changes after a cursor (`meta: { hasMore, cursor, syncCursor }`). */
export default class RoomMessagesController {
  async index({ request, params, actor }: HttpContext) {
    const input = await request.validateUsing(listMessagesValidator)
    const { messages, meta } = await ListMessages.handle(actor, params.roomId, input)
    return { data: MessageRecordTransformer.toObjects(messages), meta }
  }
}
