import type { HttpContext } from '@adonisjs/core/http'
import ListRooms from '#queries/list_rooms'
import CreateDirectRoom from '#actions/rooms/create_direct_room'
import CreateGroupRoom from '#actions/rooms/create_group_room'
import UpdateRoom from '#actions/rooms/update_room'
import AddRoomMembers from '#actions/rooms/add_room_members'
import RemoveRoomMember from '#actions/rooms/remove_room_member'
import MarkRoomRead from '#actions/rooms/mark_room_read'
import RoomTransformer from '#transformers/room_transformer'
import { serializeWithMeta } from '#transformers/serializer'
import {
  addRoomMembersValidator,
  createDirectRoomValidator,
  createGroupRoomValidator,
  listRoomsValidator,
  markReadValidator,
  updateRoomValidator,
} from '#validators/chat'

/** Rooms: the caller's room list, direct and group rooms, members, read pointers. */
export default class RoomsController {
  async index({ request, actor }: HttpContext) {
    const input = await request.validateUsing(listRoomsValidator)
    const { rooms, removed, cursor } = await ListRooms.handle(actor, input)
    return serializeWithMeta(RoomTransformer.transform(rooms), { cursor, removed })
  }

  async show({ params, actor, serialize }: HttpContext) {
    return serialize(RoomTransformer.transform(await ListRooms.show(actor, params.roomId)))
  }

  async storeDirect({ request, response, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(createDirectRoomValidator)
    const { room, created } = await CreateDirectRoom.handle(actor, input)
    response.status(created ? 201 : 200)
    return serialize(RoomTransformer.transform(room))
  }

  async storeGroup({ request, response, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(createGroupRoomValidator)
    const room = await CreateGroupRoom.handle(actor, input)
    response.status(201)
    return serialize(RoomTransformer.transform(room))
  }

  async update({ request, params, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(updateRoomValidator)
    return serialize(
      RoomTransformer.transform(await UpdateRoom.handle(actor, params.roomId, input))
    )
  }

  async addMembers({ request, params, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(addRoomMembersValidator)
    const room = await AddRoomMembers.handle(actor, params.roomId, input)
    return serialize(RoomTransformer.transform(room))
  }

  async removeMember({ params, response, actor }: HttpContext) {
    await RemoveRoomMember.handle(actor, params.roomId, params.memberId)
    return response.noContent()
  }

  async read({ request, params, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(markReadValidator)
    return serialize(await MarkRoomRead.handle(actor, params.roomId, input))
  }
}
