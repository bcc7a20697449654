import type Message from '#models/message'
import type { RoomObject } from '#transformers/room_transformer'
import type { MediaObject } from '#transformers/media_transformer'

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

/** Payload of `room:created`. */
export interface RoomCreated {
  organizationId: string
  room: RoomObject
  memberIds: string[]
}

/** Payload of `room:member_added`: `userIds` are the members who were not in the room before. */
export interface RoomMemberAdded {
  organizationId: string
  roomId: string
  userIds: string[]
  room: RoomObject
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
  room: RoomObject
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
 * Payload of `media:added`: a file now attached to a message. The media
 * carries no signed URL (each member asks GET /media/:id for their own).
 */
export interface MediaAdded {
  organizationId: string
  roomId: string
  messageId: string
  media: MediaObject
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
