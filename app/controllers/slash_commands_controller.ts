import type { HttpContext } from '@adonisjs/core/http'
import CreateCommand from '#actions/commands/create_command'
import DeleteCommand from '#actions/commands/delete_command'
import UpdateCommand from '#actions/commands/update_command'
import RotateCommandSecret from '#actions/commands/rotate_command_secret'
import SlashCommandQueries from '#queries/slash_commands'
import SlashCommandTransformer from '#transformers/slash_command_transformer'
import { actorFor } from '#services/org_context'
import { createCommandValidator, updateCommandValidator } from '#validators/commands'

/** Slash commands of an organization (owners and admins). */
export default class SlashCommandsController {
  /** GET /organizations/:orgId/commands */
  async index({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(SlashCommandTransformer.transform(await SlashCommandQueries.list(actor)))
  }

  /** GET /organizations/:orgId/commands/:commandId */
  async show({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const command = await SlashCommandQueries.show(actor, params.commandId)
    return serialize(SlashCommandTransformer.transform(command))
  }

  /** POST /organizations/:orgId/commands: answers the signing secret, once. */
  async store({ auth, params, request, response, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(createCommandValidator)
    const { command, secret } = await CreateCommand.handle(actor, input)
    response.status(201)
    return serialize(SlashCommandTransformer.transform(command, secret).useVariant('withSecret'))
  }

  /** PATCH /organizations/:orgId/commands/:commandId */
  async update({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(updateCommandValidator)
    const command = await UpdateCommand.handle(actor, params.commandId, input)
    return serialize(SlashCommandTransformer.transform(command))
  }

  /** POST /organizations/:orgId/commands/:commandId/rotate-secret: answers the new secret, once. */
  async rotateSecret({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const { command, secret } = await RotateCommandSecret.handle(actor, params.commandId)
    return serialize(SlashCommandTransformer.transform(command, secret).useVariant('withSecret'))
  }

  /** DELETE /organizations/:orgId/commands/:commandId */
  async destroy({ auth, params, response }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await DeleteCommand.handle(actor, params.commandId)
    return response.noContent()
  }
}
