import AdminRoomQueries from '#queries/admin_rooms'
import UpdateRoomArchive from '#actions/admin/update_room_archive'
import UpdateRoom from '#actions/rooms/update_room'
import CreateGroupRoom from '#actions/rooms/create_group_room'
import AddRoomMembers from '#actions/rooms/add_room_members'
import RemoveRoomMember from '#actions/rooms/remove_room_member'
import { serializer } from '#transformers/serializer'
import RoomSummaryTransformer from '#transformers/room_summary_transformer'
import UserTransformer from '#transformers/user_transformer'
import { defineOperation } from '#admin/operation'
import { adminActor, findUser, memberActor } from '#queries/admin_lookup'
import {
  adminAddRoomMembersValidator,
  adminCreateRoomValidator,
  adminListRoomsValidator,
  adminRenameRoomValidator,
  adminRoomMemberRefValidator,
  adminRoomRefValidator,
} from '#validators/admin'

/** A room as `room list` shows it. */
async function roomRow(organizationId: string, roomId: string) {
  const room = await AdminRoomQueries.find(organizationId, roomId)
  return serializer.serializeWithoutWrapping(RoomSummaryTransformer.transform(room))
}

/** A room's members with their room role. */
async function memberRows(roomId: string) {
  const members = await AdminRoomQueries.members(roomId)
  return Promise.all(
    members.map(async (member) => ({
      role: member.role,
      user: await serializer.serializeWithoutWrapping(UserTransformer.transform(member.user)),
    }))
  )
}

/** User ids of account references (id, email or username). */
async function userIds(refs: string[]) {
  const users = await Promise.all(refs.map((ref) => findUser(ref)))
  return users.map((user) => user.id)
}

/**
 * chatctl `room …`: rooms of an organization, never their messages. A server
 * admin manages any room without being in it (the room gate lets
 * `adminActor` through); a new room is created by a real member.
 */
export const roomOperations = {
  'room:list': defineOperation('room:list', {
    validator: adminListRoomsValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const rooms = await AdminRoomQueries.list(actor.organization.id, input)
      return serializer.serializeWithoutWrapping(RoomSummaryTransformer.transform(rooms))
    },
  }),
  'room:show': defineOperation('room:show', {
    validator: adminRoomRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const room = await AdminRoomQueries.find(actor.organization.id, input.room)
      return {
        ...(await roomRow(actor.organization.id, room.id)),
        members: await memberRows(room.id),
      }
    },
  }),
  'room:archive': defineOperation('room:archive', {
    validator: adminRoomRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const room = await UpdateRoomArchive.handle(actor, input.room)
      return roomRow(actor.organization.id, room.id)
    },
  }),
  'room:unarchive': defineOperation('room:unarchive', {
    validator: adminRoomRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const view = await UpdateRoom.handle(actor, input.room, { archived: false })
      return roomRow(actor.organization.id, view.room.id)
    },
  }),
  'room:rename': defineOperation('room:rename', {
    validator: adminRenameRoomValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const view = await UpdateRoom.handle(actor, input.room, { name: input.name })
      return roomRow(actor.organization.id, view.room.id)
    },
  }),
  'room:create': defineOperation('room:create', {
    validator: adminCreateRoomValidator,
    async handle(_context, input) {
      const actor = await memberActor(input.org, input.creator)
      const memberIds = await userIds(input.members ?? [])
      const view = await CreateGroupRoom.handle(actor, { name: input.name, memberIds })
      return roomRow(actor.organization.id, view.room.id)
    },
  }),
  'room:members:list': defineOperation('room:members:list', {
    validator: adminRoomRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const room = await AdminRoomQueries.find(actor.organization.id, input.room)
      return memberRows(room.id)
    },
  }),
  'room:members:add': defineOperation('room:members:add', {
    validator: adminAddRoomMembersValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      await AddRoomMembers.handle(actor, input.room, { userIds: await userIds(input.users) })
      return memberRows(input.room)
    },
  }),
  'room:members:remove': defineOperation('room:members:remove', {
    validator: adminRoomMemberRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const user = await findUser(input.user)
      await RemoveRoomMember.handle(actor, input.room, user.id)
      return { roomId: input.room, userId: user.id, removed: true }
    },
  }),
}
