import type { HttpContext } from '@adonisjs/core/http'
import AddReaction from '#actions/reactions/add_reaction'
import RemoveReaction from '#actions/reactions/remove_reaction'
import MessageTransformer from '#transformers/message_transformer'
import { reactionValidator } from '#validators/conversations'

/** A member's emoji reactions on a message: the answer is the message with its counts. */
export default class MessageReactionsController {
  async store({ request, params, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(reactionValidator)
    const message = await AddReaction.handle(actor, params.messageId, input)
    return serialize(MessageTransformer.transform(message))
  }

  async destroy({ params, actor, serialize }: HttpContext) {
    const input = await reactionValidator.validate({ emoji: params.emoji })
    const message = await RemoveReaction.handle(actor, params.messageId, input)
    return serialize(MessageTransformer.transform(message))
  }
}
