import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type { Actor } from '#types/actor'
import type Room from '#models/room'
import type RoomMember from '#models/room_member'
import type Message from '#models/message'
import { isModeratorOrAbove, roleCan } from '#policies/permissions'

/**
 * Decides what a room member may do to a message. The room gate has already
 * settled tenancy and membership (anyone else got 404); this only weighs
 * roles and authorship.
 */
export default class MessagePolicy extends BasePolicy {
  /** Editing: the author only. */
  edit(actor: Actor, message: Message): AuthorizerResponse {
    return message.senderId === actor.user.id
  }

  /** Deleting: the author, or a moderator and up of the organization. */
  delete(actor: Actor, message: Message): AuthorizerResponse {
    return (
      message.senderId === actor.user.id || roleCan(actor.membership.role, 'deleteOthersMessages')
    )
  }

  /** Attaching files: the author only. */
  attach(actor: Actor, message: Message): AuthorizerResponse {
    return message.senderId === actor.user.id
  }

  /** Reacting: every member of the room, whatever their role. */
  react(_actor: Actor, member: RoomMember): AuthorizerResponse {
    return Boolean(member)
  }

  /**
   * Pinning and unpinning: room admins and organization moderators and up in
   * group rooms; in a direct room, the message's author.
   */
  pin(actor: Actor, room: Room, member: RoomMember, message: Message): AuthorizerResponse {
    if (room.type === 'direct') return message.senderId === actor.user.id
    return member.role === 'admin' || isModeratorOrAbove(actor.membership.role)
  }
}
