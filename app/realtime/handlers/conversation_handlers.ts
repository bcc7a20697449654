import AddReaction from '#actions/reactions/add_reaction'
import RemoveReaction from '#actions/reactions/remove_reaction'
import PinMessage from '#actions/pins/pin_message'
import UnpinMessage from '#actions/pins/unpin_message'
import type { Message } from '#queries/socket_lookups'
import { serializer } from '#transformers/serializer'
import MessageTransformer from '#transformers/message_transformer'
import { actorOf, type SocketHandlers } from '#realtime/ack'
import { reactionValidator } from '#validators/conversations'
import { messageRefValidator } from '#validators/realtime'

/** The message as the actor sees it (`me` marks their own reactions), as REST answers it. */
function present(message: Message) {
  return serializer.serializeWithoutWrapping(MessageTransformer.transform(message))
}

/**
 * Reactions and pins over the socket, with the REST validators and actions
 * (`POST/DELETE /chat/messages/:messageId/reactions`, `PUT/DELETE …/pin`):
 * the ack carries the message as the actor now sees it (an unpin, only its
 * id, as REST answers 204); the broadcasts (`reaction_added`,
 * `reaction_removed`, `message_pinned`, `message_unpinned`) come from the
 * actions' domain events through the one fan-out table, after commit.
 */
export const conversationHandlers: SocketHandlers = {
  async add_reaction(socket, payload) {
    const { messageId } = await messageRefValidator.validate(payload)
    const input = await reactionValidator.validate(payload)
    return present(await AddReaction.handle(await actorOf(socket), messageId, input))
  },

  async remove_reaction(socket, payload) {
    const { messageId } = await messageRefValidator.validate(payload)
    const input = await reactionValidator.validate(payload)
    return present(await RemoveReaction.handle(await actorOf(socket), messageId, input))
  },

  async pin_message(socket, payload) {
    const { messageId } = await messageRefValidator.validate(payload)
    return present(await PinMessage.handle(await actorOf(socket), messageId))
  },

  async unpin_message(socket, payload) {
    const { messageId } = await messageRefValidator.validate(payload)
    await UnpinMessage.handle(await actorOf(socket), messageId)
    return { messageId }
  },
}
