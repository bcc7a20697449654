import type { HttpContext } from '@adonisjs/core/http'
import RunCommand from '#actions/commands/run_command'
import SlashCommandQueries from '#queries/slash_commands'
import SlashCommandTransformer from '#transformers/slash_command_transformer'
import { commandResult } from '#transformers/command_result'
import { runCommandValidator } from '#validators/commands'

/** Slash commands in a room: the list a composer offers, and running one (members). */
export default class RoomCommandsController {
  /** GET /chat/rooms/:roomId/commands */
  async index({ params, actor, serialize }: HttpContext) {
    const commands = await SlashCommandQueries.inRoom(actor, params.roomId)
    return serialize(SlashCommandTransformer.transform(commands).useVariant('forMember'))
  }

  /** POST /chat/rooms/:roomId/commands: `{ command, args? }`; waits for the endpoint's answer. */
  async store({ params, request, actor, serialize }: HttpContext) {
    const input = await request.validateUsing(runCommandValidator)
    const result = await RunCommand.handle(actor, { ...input, roomId: params.roomId })
    return serialize(await commandResult(result))
  }
}
