import SlashCommand from '#models/slash_command'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'
import { findRoomForMember } from '#domain/rooms/room_access'
import { commandsInRoom, findCommand } from '#domain/commands/command_lookup'

/** The read side of slash commands: admins manage them, members list a room's. */
export default class SlashCommandQueries {
  /** The organization's commands, by name (owners and admins). */
  static async list(actor: Actor) {
    await authorize(actor, 'manageOrgSettings')
    return SlashCommand.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .orderBy('name')
  }

  /** One command of the organization (owners and admins; anything else is 404). */
  static async show(actor: Actor, commandId: string) {
    await authorize(actor, 'manageOrgSettings')
    return findCommand(actor.organization.id, commandId)
  }

  /** A command by id or name, for chatctl (owners and admins). */
  static async byRef(actor: Actor, ref: string) {
    await authorize(actor, 'manageOrgSettings')
    if (isUuid(ref)) return findCommand(actor.organization.id, ref)
    const command = await SlashCommand.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('name', String(ref).replace(/^\//, '').toLowerCase())
      .first()
    if (!command) throw new NotFoundException('Command not found')
    return command
  }

  /** The commands a member can run in one of their rooms (404 for any other room). */
  static async inRoom(actor: Actor, roomId: string) {
    const { room } = await findRoomForMember(actor, roomId)
    if (room.encrypted) return []
    return commandsInRoom(actor.organization.id, room.id)
  }
}
