import type { HttpContext } from '@adonisjs/core/http'
import ListMessages from '#queries/message_pages'
import MessageRecordTransformer from '#transformers/message_record_transformer'
import { listMessagesValidator } from '#validators/chat'
import { reopenSession } from '#services/request_sessions'

/**
 * A room's messages by seq, or its changes after a cursor (`meta: { hasMore, cursor, syncCursor }`).
 * The session may be a recalled one (`middleware.recalledSession`): the page's statement proves it,
 * and when it does not, the session is read fresh and the page asked for again. Bad input on a
 * recalled session is answered after a fresh read, so an ended session gets its 401 first. The body
 * goes out as the bytes `MessageRecordTransformer.pageBody` keeps per message.
 */
export default class RoomMessagesController {
  async index(ctx: HttpContext) {
    const { request, params, response } = ctx
    const proof = ctx.sessionProof
    const input = await request.validateUsing(listMessagesValidator).catch(async (error) => {
      if (proof) await reopenSession(ctx)
      throw error
    })
    const page =
      (proof && (await ListMessages.handle(ctx.actor, params.roomId, input, proof))) ||
      (await ListMessages.handle(
        proof ? await reopenSession(ctx) : ctx.actor,
        params.roomId,
        input
      ))
    response.header('content-type', 'application/json; charset=utf-8')
    return MessageRecordTransformer.pageBody(page.messages, page.meta)
  }
}
