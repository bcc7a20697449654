import type { HttpContext } from '@adonisjs/core/http'
import SendMessage from '#actions/messages/send_message'
import SendEncryptedMessage from '#actions/messages/send_encrypted_message'
import EditMessage from '#actions/messages/edit_message'
import DeleteMessage from '#actions/messages/delete_message'
import MessageTransformer from '#transformers/message_transformer'
import { editMessageValidator, validateSendMessage } from '#validators/chat'

/** Messages: send (idempotent with clientMessageId; ciphertext in encrypted rooms), edit (author), delete (soft). */
export default class MessagesController {
  async store({ request, response, actor, serialize }: HttpContext) {
    const input = await validateSendMessage(request.all())
    const { message, created } =
      input.kind === 'encrypted'
        ? await SendEncryptedMessage.handle(actor, input)
        : await SendMessage.handle(actor, input)
    response.status(created ? 201 : 200)
    return serialize(MessageTransformer.transform(message))
  }

  async update({ request, params, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(editMessageValidator)
    return serialize(
      MessageTransformer.transform(await EditMessage.handle(actor, params.messageId, input))
    )
  }

  async destroy({ params, response, actor }: HttpContext) {
    await DeleteMessage.handle(actor, params.messageId)
    return response.noContent()
  }
}
