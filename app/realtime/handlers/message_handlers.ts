import SendMessage from '#actions/messages/send_message'
import SendEncryptedMessage from '#actions/messages/send_encrypted_message'
import EditMessage from '#actions/messages/edit_message'
import DeleteMessage from '#actions/messages/delete_message'
import RunCommand from '#actions/commands/run_command'
import { commandResult } from '#transformers/command_result'
import { runCommandRoomValidator, runCommandValidator } from '#validators/commands'
import type { Message } from '#queries/socket_lookups'
import { messagePayload } from '#transformers/message_payload'
import { actorOf, sendingActorOf, type SocketHandlers, userOf } from '#realtime/ack'
import { spendSendBudget } from '#services/send_budget'
import { editMessageValidator, validateSendMessage } from '#validators/chat'
import { messageRefValidator } from '#validators/realtime'

/** The ack's message: the very object the fan-out broadcasts (shaped once per message). */
function present(message: Message) {
  return messagePayload(message)
}

/**
 * Message events over the REST validators and actions: the ack carries the
 * committed message (a send spends the user's one budget, shared with REST
 * and the user's other sockets: #services/send_budget); the broadcasts (`new_message`, `message_edited`,
 * `message_deleted`) come from the actions' domain events, after commit.
 */
export const messageHandlers: SocketHandlers = {
  async send_message(socket, payload) {
    await spendSendBudget(userOf(socket).id)
    const input = await validateSendMessage(payload)
    const actor = await sendingActorOf(socket)
    const { message } =
      input.kind === 'encrypted'
        ? await SendEncryptedMessage.handle(actor, input)
        : await SendMessage.handle(actor, input)
    return present(message)
  },

  async run_command(socket, payload) {
    await spendSendBudget(userOf(socket).id)
    const { roomId } = await runCommandRoomValidator.validate(payload)
    const input = await runCommandValidator.validate(payload)
    return commandResult(await RunCommand.handle(await actorOf(socket), { ...input, roomId }))
  },

  async edit_message(socket, payload) {
    const { messageId } = await messageRefValidator.validate(payload)
    const input = await editMessageValidator.validate(payload)
    return present(await EditMessage.handle(await actorOf(socket), messageId, input))
  },

  async delete_message(socket, payload) {
    const { messageId } = await messageRefValidator.validate(payload)
    await DeleteMessage.handle(await actorOf(socket), messageId)
    return { messageId }
  },
}
