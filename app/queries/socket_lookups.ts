import RoomMember from '#models/room_member'
import Message from '#models/message'
import type { Actor } from '#types/actor'
import { messageNotFound } from '#domain/messages/message_access'

export type { default as Message } from '#models/message'

/*
 * Reads the socket handlers need besides the actions: which rooms a socket
 * enters, and which seq a `mark_as_read` by message id means.
 */

/** Ids of the actor's rooms in its organization, most recently joined first, up to `limit`. */
export async function memberRoomIds(actor: Actor, limit: number): Promise<string[]> {
  const rows = await RoomMember.query()
    .withScopes((s) => s.forOrg(actor.organization.id))
    .where('user_id', actor.user.id)
    .orderBy('joined_at', 'desc')
    .limit(limit)
    .select('room_id')
  return rows.map((row) => row.roomId)
}

/** The seq of a message of the room in the actor's organization; else the one 404 of messages. */
export async function messageSeqInRoom(
  actor: Actor,
  roomId: string,
  messageId: string
): Promise<number> {
  const message = await Message.query()
    .withScopes((s) => s.forOrg(actor.organization.id))
    .where('room_id', roomId)
    .where('id', messageId)
    .first()
  if (!message) throw messageNotFound()
  return message.seq
}
