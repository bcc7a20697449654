import type { HttpContext } from '@adonisjs/core/http'
import ListThread from '#queries/list_thread'
import UpdateThreadFollow from '#actions/threads/update_thread_follow'
import MarkThreadRead from '#actions/threads/mark_thread_read'
import MessageTransformer from '#transformers/message_transformer'
import { serializeWithMeta } from '#transformers/serializer'
import {
  followThreadValidator,
  listThreadValidator,
  markThreadReadValidator,
} from '#validators/conversations'

/** Threads: a thread's replies (paged), following it, and its read pointer. */
export default class MessageThreadsController {
  async show({ request, params, actor }: HttpContext) {
    const input = await request.validateUsing(listThreadValidator)
    const { replies, meta } = await ListThread.handle(actor, params.messageId, input)
    return serializeWithMeta(MessageTransformer.transform(replies), meta)
  }

  async follow({ request, params, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(followThreadValidator)
    return serialize(await UpdateThreadFollow.handle(actor, params.messageId, input))
  }

  async read({ request, params, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(markThreadReadValidator)
    return serialize(await MarkThreadRead.handle(actor, params.messageId, input))
  }
}
