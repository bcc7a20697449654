import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type { Actor } from '#types/actor'
import type RoomMember from '#models/room_member'
import { isModeratorOrAbove, roleCan } from '#policies/permissions'

/**
 * Decides what an actor may do to a room they are a member of (`member` is
 * their own room membership, from the room gate). Whether they can see the
 * room at all is the gate's answer (404), never a policy's.
 */
export default class RoomPolicy extends BasePolicy {
  /** Creating group rooms: moderators and up. */
  create(actor: Actor): AuthorizerResponse {
    return roleCan(actor.membership.role, 'createGroupRooms')
  }

  /** Renaming, describing, archiving, adding members: room admins and organization moderators and up. */
  manage(actor: Actor, member: RoomMember): AuthorizerResponse {
    return member.role === 'admin' || isModeratorOrAbove(actor.membership.role)
  }

  /** Removing a member: whoever may manage the room, or the member themself (leaving). */
  removeMember(actor: Actor, member: RoomMember, userId: string): AuthorizerResponse {
    return userId === actor.user.id || this.manage(actor, member)
  }
}
