import type { HttpContext } from '@adonisjs/core/http'
import PinMessage from '#actions/pins/pin_message'
import UnpinMessage from '#actions/pins/unpin_message'
import ListPins from '#queries/list_pins'
import MessageTransformer from '#transformers/message_transformer'

/** Pinned messages: a room's list, and pin / unpin (room admins, moderators+, authors in DMs). */
export default class MessagePinsController {
  async index({ params, actor, serialize }: HttpContext) {
    return serialize(MessageTransformer.transform(await ListPins.handle(actor, params.roomId)))
  }

  async store({ params, actor, serialize }: HttpContext) {
    return serialize(MessageTransformer.transform(await PinMessage.handle(actor, params.messageId)))
  }

  async destroy({ params, actor, response }: HttpContext) {
    await UnpinMessage.handle(actor, params.messageId)
    return response.noContent()
  }
}
