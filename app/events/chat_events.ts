import type Message from '#models/message'
import type MediaAsset from '#models/media_asset'
import type { RoomView } from '#types/room_view'

/**
 * Payload of `message:created`: a committed message, as a model with its
 * body and mentions loaded. The fan-out listener shapes it for clients, once.
 */
export interface MessageCreated {
  organizationId: string
  roomId: string
  message: Message
  /** Members the message mentions (by name, `@here` or `@all`), never the sender. */
  mentionedUserIds: string[]
  /** Every member of the room when the message was committed, sender included. */
  memberIds: string[]
}

/** Payload of `message:edited`: the edited model, body and mentions loaded. */
export interface MessageEdited {
  organizationId: string
  roomId: string
  message: Message
}

/** Payload of `message:deleted`: the row and its seq stay, its content is gone. */
export interface MessageDeleted {
  organizationId: string
  roomId: string
  messageId: string
  seq: number
}

/**
 * Payload of `room:created`: the creator's view of the new room, as models.
 * The fan-out listener shapes it, leaving out the creator's own fields.
 */
export interface RoomCreated {
  organizationId: string
  room: RoomView
  memberIds: string[]
}

/** Payload of `room:member_added`: `userIds` are the members who were not in the room before. */
export interface RoomMemberAdded {
  organizationId: string
  roomId: string
  userIds: string[]
  /** The adding member's view of the room, as models (shaped by the fan-out listener). */
  room: RoomView
}

/** Payload of `room:member_removed`: removed by a room admin or moderator, or left. */
export interface RoomMemberRemoved {
  organizationId: string
  roomId: string
  userId: string
}

/** Payload of `room:updated`: renamed, described, archived or unarchived. */
export interface RoomUpdated {
  organizationId: string
  /** The changing member's view of the room, as models (shaped by the fan-out listener). */
  room: RoomView
  memberIds: string[]
}

/** Payload of `message:read`: a member's read pointer moved forward. */
export interface MessageRead {
  organizationId: string
  roomId: string
  userId: string
  seq: number
}

/**
 * Payload of `media:added`: a file now attached to a message, as its model.
 * The fan-out listener shapes it without a signed URL (each member asks
 * GET /media/:id for their own), even if the uploader's URL is set on it.
 */
export interface MediaAdded {
  organizationId: string
  roomId: string
  messageId: string
  media: MediaAsset
}

/**
 * Chat domain events, emitted by the chat actions after their transaction
 * commits. The real-time layer and notifications listen to them; typing them
 * here keeps emitters and listeners in step.
 */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'message:created': MessageCreated
    'message:edited': MessageEdited
    'message:deleted': MessageDeleted
    'room:created': RoomCreated
    'room:updated': RoomUpdated
    'room:member_added': RoomMemberAdded
    'room:member_removed': RoomMemberRemoved
    'message:read': MessageRead
    'media:added': MediaAdded
  }
}
