import Message from '#models/message'
import MediaAsset from '#models/media_asset'
import type Room from '#models/room'
import type { Actor } from '#types/actor'
import { NotFoundException } from '#exceptions/app_exception'
import { isUuid } from '#services/org_context'
import { findRoomForMember } from '#domain/rooms/room_access'
import { messageNotFound } from '#domain/messages/message_access'

/**
 * Finds a message of the actor's organization in a room the actor is a
 * member of (no lock: an upload must not hold a transaction while it
 * streams). Anything else is the one 404 of messages.
 */
export async function findMessageInRoom(
  actor: Actor,
  messageId: string
): Promise<{ message: Message; room: Room }> {
  if (!isUuid(messageId)) throw messageNotFound()
  const message = await Message.query()
    .withScopes((s) => s.forOrg(actor.organization.id))
    .where('id', messageId)
    .first()
  if (!message) throw messageNotFound()
  try {
    const { room } = await findRoomForMember(actor, message.roomId)
    return { message, room }
  } catch (error) {
    if (error instanceof NotFoundException) throw messageNotFound()
    throw error
  }
}

/**
 * Finds a file of the actor's organization in a room the actor is a member
 * of. Another organization's file, a room the actor is not in and an absent
 * or malformed id are the same 404.
 */
export async function findMediaForMember(actor: Actor, mediaId: string): Promise<MediaAsset> {
  if (!isUuid(mediaId)) throw mediaNotFound()
  const asset = await MediaAsset.query()
    .withScopes((s) => s.forOrg(actor.organization.id))
    .where('id', mediaId)
    .first()
  if (!asset) throw mediaNotFound()
  try {
    await findRoomForMember(actor, asset.roomId)
  } catch (error) {
    if (error instanceof NotFoundException) throw mediaNotFound()
    throw error
  }
  return asset
}

/** The one 404 of media, whatever the reason. */
export function mediaNotFound() {
  return new NotFoundException('Media not found')
}
