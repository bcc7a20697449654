import db from '@adonisjs/lucid/services/db'
import Room from '#models/room'
import RoomMember from '#models/room_member'
import UpdateRoomArchive from '#actions/admin/update_room_archive'
import { serializer } from '#providers/api_provider'
import RoomSummaryTransformer from '#transformers/room_summary_transformer'
import UserTransformer from '#transformers/user_transformer'
import { defineOperation } from '#admin/operation'
import { adminActor } from '#admin/resolve'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'
import { adminListRoomsValidator, adminRoomRefValidator } from '#validators/admin'

const MEMBER_COUNT = db.raw(
  '(SELECT count(*) FROM room_members rm WHERE rm.room_id = rooms.id)::int AS "memberCount"'
)

/** The organization's rooms with their member counts (the scoped lookup). */
function roomsOf(organizationId: string) {
  return Room.query()
    .withScopes((s) => s.forOrg(organizationId))
    .select('rooms.*', MEMBER_COUNT)
}

/** A room of the organization, or 404 (another organization's room included). */
async function findRoom(organizationId: string, roomId: string) {
  const room = isUuid(roomId) ? await roomsOf(organizationId).where('id', roomId).first() : null
  if (!room) throw new NotFoundException('Room not found')
  return room
}

/** chatctl `room …`: rooms of an organization, never their messages. */
export const roomOperations = {
  'room:list': defineOperation('room:list', {
    validator: adminListRoomsValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const query = roomsOf(actor.organization.id)
        .orderBy('created_at')
        .orderBy('id')
        .limit(input.limit ?? 100)
      if (input.archived !== undefined) {
        query.where((q) =>
          input.archived ? q.whereNotNull('archived_at') : q.whereNull('archived_at')
        )
      }
      return serializer.serializeWithoutWrapping(RoomSummaryTransformer.transform(await query))
    },
  }),
  'room:show': defineOperation('room:show', {
    validator: adminRoomRefValidator,
    async handle(context, input) {
      const actor = await adminActor(context.principal, input.org)
      const room = await findRoom(actor.organization.id, input.room)
      const members = await RoomMember.query()
        .where('room_id', room.id)
        .preload('user')
        .orderBy('joined_at')
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
        RoomSummaryTransformer.transform(await findRoom(actor.organization.id, room.id))
      )
    },
  }),
}
