/*
 * The room gate and membership reads, as plugins use them: the one lookup
 * that answers 404 for an absent room, another organization's room and a
 * room the actor is not in; who is in a room; and who shares a
 * room with whom. Plugins never query core's tables.
 */
export { findRoomForMember, roomNotFound, type RoomAccess } from '#domain/rooms/room_access'
export {
  currentRoomMemberIds,
  findRoomById,
  roomContactIds,
  roomIdsOfMember,
} from '#queries/room_members'
