import AdminRoomQueries from '#queries/admin_rooms'
import UpdateRoomArchive from '#actions/admin/update_room_archive'
import { serializer } from '#transformers/serializer'
import RoomSummaryTransformer from '#transformers/room_summary_transformer'
import UserTransformer from '#transformers/user_transformer'
import { defineOperation } from '#admin/operation'
import { adminActor } from '#queries/admin_lookup'
import { adminListRoomsValidator, adminRoomRefValidator } from '#validators/admin'

/** chatctl `room …`: rooms of an organization, never their messages. */
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
      const members = await AdminRoomQueries.members(room.id)
      return {
        ...(await serializer.serializeWithoutWrapping(RoomSummaryTransformer.transform(room))),
        members: await Promise.all(
          members.map(async (member) => ({
            role: member.role,
            user: await serializer.serializeWithoutWrapping(UserTransformer.transform(member.user)),
          }))
        ),
      }
    },
  }),
  'room:archive': defineOperation('room:archive', {
    validator: adminRoomRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const room = await UpdateRoomArchive.handle(actor, input.room)
      return serializer.serializeWithoutWrapping(
        RoomSummaryTransformer.transform(
          await AdminRoomQueries.find(actor.organization.id, room.id)
        )
      )
    },
  }),
}
