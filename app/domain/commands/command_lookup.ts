import SlashCommand from '#models/slash_command'
import { isUuid } from '#services/org_context'
import { AppException, NotFoundException } from '#exceptions/app_exception'

/** A slash command of the organization, or 404 E_NOT_FOUND (another organization's included). */
export async function findCommand(organizationId: string, commandId: unknown) {
  if (!isUuid(commandId)) throw new NotFoundException('Command not found')
  const command = await SlashCommand.query()
    .withScopes((s) => s.forOrg(organizationId))
    .where('id', commandId)
    .first()
  if (!command) throw new NotFoundException('Command not found')
  return command
}

/** 404 E_UNKNOWN_COMMAND: no command of that name is available in the room. */
export function unknownCommand(name: string) {
  return new AppException(`There is no /${name} command in this room`, {
    status: 404,
    code: 'E_UNKNOWN_COMMAND',
    field: 'command',
  })
}

/**
 * The command `name` of the organization if it is available in the room (no
 * room restriction, or the room among its rooms), else 404 E_UNKNOWN_COMMAND:
 * another organization's command of the same name is never found.
 */
export async function commandInRoom(organizationId: string, roomId: string, name: string) {
  const command = await SlashCommand.query()
    .withScopes((s) => s.forOrg(organizationId))
    .where('name', name)
    .first()
  if (!command || (command.roomIds && !command.roomIds.includes(roomId))) {
    throw unknownCommand(name)
  }
  return command
}

/** The commands available in a room, by name (the composer's list). */
export function commandsInRoom(organizationId: string, roomId: string) {
  return SlashCommand.query()
    .withScopes((s) => s.forOrg(organizationId))
    .where((q) => q.whereNull('room_ids').orWhereRaw('?::uuid = ANY(room_ids)', [roomId]))
    .orderBy('name')
}
