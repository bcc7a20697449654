import { randomUUID } from 'node:crypto'
import emitter from '@adonisjs/core/services/emitter'
import type { Actor } from '#types/actor'
import type Message from '#models/message'
import type SlashCommand from '#models/slash_command'
import type Room from '#models/room'
import User from '#models/user'
import RoomMember from '#models/room_member'
import SendMessage from '#actions/messages/send_message'
import { actorFor } from '#services/org_context'
import { AppException, ConflictException } from '#exceptions/app_exception'
import { roomForSend } from '#domain/rooms/room_access'
import { roomArchived, sendRefusal } from '#domain/messages/message_access'
import { commandInRoom } from '#domain/commands/command_lookup'
import { callCommand, commandFailed, type CommandAnswer } from '#domain/commands/command_call'
import '#events/command_events'

export interface RunCommandInput {
  roomId: string
  command: string
  args?: string
}

/**
 * Runs `/command args` for a member in one of their rooms (docs/integrations.md):
 * the room gate first (404), then the send rules (archived 409, muted 403;
 * the doors spend the member's send budget, as for a message), then the command available in that room (404
 * E_UNKNOWN_COMMAND), then its endpoint, called signed and waited for.
 * An `in_channel` answer is posted as the command's bot through the one
 * send path; an `ephemeral` one goes to the member only (`command_response`
 * on their sockets in this organization and SSE streams, and in the answer). Nothing of the call
 * is stored. End-to-end encrypted rooms refuse commands (409
 * E_COMMAND_UNAVAILABLE): their arguments would reach the server in clear.
 */
export default class RunCommand {
  static async handle(actor: Actor, input: RunCommandInput) {
    const { room } = await roomForSend(actor, input.roomId)
    if (room.archivedAt) throw roomArchived()
    if (room.encrypted) {
      throw new ConflictException(
        'Slash commands are not available in end-to-end encrypted rooms',
        'E_COMMAND_UNAVAILABLE'
      )
    }
    const refusal = sendRefusal({
      muted_until: mutedUntil(actor),
      since_sent: null,
      slow_mode_seconds: 0,
      role: actor.membership.role,
    })
    if (refusal) throw refusal
    const command = await commandInRoom(actor.organization.id, room.id, input.command)
    const answer = await callCommand(command, {
      id: randomUUID(),
      command: command.name,
      args: input.args ?? '',
      organizationId: actor.organization.id,
      room: { id: room.id, name: room.name ?? null },
      user: {
        id: actor.user.id,
        username: actor.user.username,
        displayName: actor.user.displayName ?? null,
      },
      issuedAt: new Date().toISOString(),
    })
    const message = await deliver(actor, command, room, answer)
    return { command, answer, message }
  }
}

function mutedUntil(actor: Actor) {
  const until = actor.membership.mutedUntil
  return until && until.toMillis() > Date.now() ? until.toISO() : null
}

/** Posts an in-channel answer as the command's bot, or hands an ephemeral one to the member. */
async function deliver(
  actor: Actor,
  command: SlashCommand,
  room: Room,
  answer: CommandAnswer
): Promise<Message | null> {
  if (answer.responseType === 'ephemeral') {
    emitter.emit('command:responded', {
      organizationId: actor.organization.id,
      roomId: room.id,
      userId: actor.user.id,
      command: command.name,
      text: answer.text,
    })
    return null
  }
  const bot = await User.find(command.botId)
  if (!bot || bot.deactivatedAt) throw commandFailed(command.name, 'its bot is deactivated')
  const inRoom = await RoomMember.query().where('room_id', room.id).where('user_id', bot.id).first()
  if (!inRoom) {
    throw new AppException(`Add the bot of /${command.name} to this room first`, {
      status: 409,
      code: 'E_BOT_NOT_IN_ROOM',
    })
  }
  const botActor = await actorFor(bot, actor.organization.id)
  const { message } = await SendMessage.handle(botActor, { roomId: room.id, content: answer.text })
  return message
}
