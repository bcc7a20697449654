import type { HttpContext } from '@adonisjs/core/http'
import PublicRooms from '#queries/public_rooms'
import JoinRoom from '#actions/rooms/join_room'
import PublicRoomTransformer from '#transformers/public_room_transformer'
import RoomTransformer from '#transformers/room_transformer'
import { listPublicRoomsValidator } from '#validators/chat'

/** Public rooms: browse the organization's, and join one. */
export default class PublicRoomsController {
  /** GET /chat/public-rooms */
  async index({ request, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(listPublicRoomsValidator)
    const rooms = await PublicRooms.list(actor, input)
    return serialize(PublicRoomTransformer.paginate(rooms.all(), rooms.getMeta()))
  }

  /** POST /chat/rooms/:roomId/join: 201 when joined now, 200 when already a member. */
  async join({ params, actor, response, serialize }: HttpContext) {
    const { view, joined } = await JoinRoom.handle(actor, params.roomId)
    response.status(joined ? 201 : 200)
    return serialize(RoomTransformer.transform(view))
  }
}
