import SendMessage from '#actions/messages/send_message'
import SendEncryptedMessage from '#actions/messages/send_encrypted_message'
import EditMessage from '#actions/messages/edit_message'
import DeleteMessage from '#actions/messages/delete_message'
import type { Message } from '#queries/socket_lookups'
import { serializer } from '#transformers/serializer'
import MessageTransformer from '#transformers/message_transformer'
import { actorOf, handle, userOf, type ParleySocket } from '#realtime/ack'
import { spendSendBudget } from '#services/send_budget'
import type { ParleyServer } from '#realtime/gateway'
import { editMessageValidator, validateSendMessage } from '#validators/chat'
import { messageRefValidator } from '#validators/realtime'

function present(message: Message) {
  return serializer.serializeWithoutWrapping(MessageTransformer.transform(message))
}

/**
 * Message events over the REST validators and actions: the ack carries the
 * committed message (a send spends the user's one budget, shared with REST
 * and the user's other sockets: #services/send_budget); the broadcasts (`new_message`, `message_edited`,
 * `message_deleted`) come from the actions' domain events, after commit.
 */
export function registerMessageHandlers(_io: ParleyServer, socket: ParleySocket) {
  socket.on(
    'send_message',
    handle(socket, 'send_message', async (payload) => {
      await spendSendBudget(userOf(socket).id)
      const input = await validateSendMessage(payload)
      const actor = await actorOf(socket)
      const { message } =
        input.kind === 'encrypted'
          ? await SendEncryptedMessage.handle(actor, input)
          : await SendMessage.handle(actor, input)
      return present(message)
    })
  )

  socket.on(
    'edit_message',
    handle(socket, 'edit_message', async (payload) => {
      const { messageId } = await messageRefValidator.validate(payload)
      const input = await editMessageValidator.validate(payload)
      return present(await EditMessage.handle(await actorOf(socket), messageId, input))
    })
  )

  socket.on(
    'delete_message',
    handle(socket, 'delete_message', async (payload) => {
      const { messageId } = await messageRefValidator.validate(payload)
      await DeleteMessage.handle(await actorOf(socket), messageId)
      return { messageId }
    })
  )
}
