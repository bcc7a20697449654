import Membership from '#models/membership'
import { roomOfMember } from '#domain/rooms/room_access'

/*
 * The scoped lookups behind SSE channel authorization (`#realtime/sse`):
 * the same membership rules and room gate as REST, for a user id rather than
 * an actor.
 */

/** Whether the user is a member of the organization. */
export async function isOrgMember(userId: string, organizationId: string): Promise<boolean> {
  const membership = await Membership.query()
    .withScopes((s) => s.forOrg(organizationId))
    .where('user_id', userId)
    .first()
  return Boolean(membership)
}

/**
 * Whether the user is a member of the room in that organization: the room
 * gate of REST and sockets (`#domain/rooms/room_access`), not a lookup of its
 * own.
 */
export async function isRoomMember(
  userId: string,
  organizationId: string,
  roomId: string
): Promise<boolean> {
  return (await roomOfMember({ userId, organizationId }, roomId)) !== null
}
