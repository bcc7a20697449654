import AddReaction from '#actions/reactions/add_reaction'
import RemoveReaction from '#actions/reactions/remove_reaction'
import PinMessage from '#actions/pins/pin_message'
import UnpinMessage from '#actions/pins/unpin_message'
import type { Message } from '#queries/socket_lookups'
import { serializer } from '#transformers/serializer'
import MessageTransformer from '#transformers/message_transformer'
import { actorOf, handle, type ParleySocket } from '#realtime/ack'
import type { ParleyServer } from '#realtime/gateway'
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
export function registerConversationHandlers(_io: ParleyServer, socket: ParleySocket) {
  socket.on(
    'add_reaction',
    handle(socket, 'add_reaction', async (payload) => {
      const { messageId } = await messageRefValidator.validate(payload)
      const input = await reactionValidator.validate(payload)
      return present(await AddReaction.handle(await actorOf(socket), messageId, input))
    })
  )

  socket.on(
    'remove_reaction',
    handle(socket, 'remove_reaction', async (payload) => {
      const { messageId } = await messageRefValidator.validate(payload)
      const input = await reactionValidator.validate(payload)
      return present(await RemoveReaction.handle(await actorOf(socket), messageId, input))
    })
  )

  socket.on(
    'pin_message',
    handle(socket, 'pin_message', async (payload) => {
      const { messageId } = await messageRefValidator.validate(payload)
      return present(await PinMessage.handle(await actorOf(socket), messageId))
    })
  )

  socket.on(
    'unpin_message',
    handle(socket, 'unpin_message', async (payload) => {
      const { messageId } = await messageRefValidator.validate(payload)
      await UnpinMessage.handle(await actorOf(socket), messageId)
      return { messageId }
    })
  )
}
