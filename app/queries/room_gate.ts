/*
 * The room gate for doors (socket handlers): "the room of this actor, else
 * 404". Doors may not import `#domain/*`, so they read it here; actions,
 * queries and plugins (`#extensions/rooms`) share the same function.
 */
export { findRoomForMember, roomNotFound, type RoomAccess } from '#domain/rooms/room_access'
