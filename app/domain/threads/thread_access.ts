import Message from '#models/message'
import type { Actor } from '#types/actor'
import { NotFoundException } from '#exceptions/app_exception'
import { isUuid } from '#services/org_context'
import { findRoomForMember } from '#domain/rooms/room_access'
import { messageNotFound } from '#domain/messages/message_access'
import { threadRootFor } from '#domain/threads/thread_followers'

/**
 * The thread a message belongs to, as the actor may see it: the thread it
 * roots, or the one it is a reply in. Another organization's message, or one
 * in a room the actor is not in, is the one 404 of messages. Reads only: no
 * lock is taken.
 */
export async function findThreadForMember(actor: Actor, messageId: string) {
  if (!isUuid(messageId)) throw messageNotFound()
  const message = await Message.query()
    .withScopes((s) => s.forOrg(actor.organization.id))
    .where('id', messageId)
    .first()
  if (!message) throw messageNotFound()
  try {
    const access = await findRoomForMember(actor, message.roomId)
    const rootId = await threadRootFor(message.id)
    return { ...access, rootId }
  } catch (error) {
    if (error instanceof NotFoundException) throw messageNotFound()
    throw error
  }
}
