import Membership from '#models/membership'
import RoomMember from '#models/room_member'

/*
 * The scoped lookups behind SSE channel authorization (`#realtime/sse`):
 * the same membership rules as REST, for a user id rather than an actor.
 */

/** Whether the user is a member of the organization. */
export async function isOrgMember(userId: string, organizationId: string): Promise<boolean> {
  const membership = await Membership.query()
    .withScopes((s) => s.forOrg(organizationId))
    .where('user_id', userId)
    .first()
  return Boolean(membership)
}

/** Whether the user is a member of the room in that organization. */
export async function isRoomMember(
  userId: string,
  organizationId: string,
  roomId: string
): Promise<boolean> {
  const member = await RoomMember.query()
    .withScopes((s) => s.forOrg(organizationId))
    .where('room_id', roomId)
    .where('user_id', userId)
    .first()
  return Boolean(member)
}
