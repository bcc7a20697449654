import type { HttpContext } from '@adonisjs/core/http'
import MuteRoom from '#actions/rooms/mute_room'
import { muteRoomValidator } from '#validators/notifications'

/** Per-room mute, which decides what a member is notified of (see MuteRoom). */
export default class RoomMutesController {
  async update({ request, params, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(muteRoomValidator)
    return serialize(await MuteRoom.handle(actor, params.roomId, input))
  }
}
