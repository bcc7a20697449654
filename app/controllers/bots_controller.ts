import type { HttpContext } from '@adonisjs/core/http'
import CreateBot from '#actions/bots/create_bot'
import DeleteBot from '#actions/bots/delete_bot'
import BotQueries from '#queries/bots'
import BotTransformer from '#transformers/bot_transformer'
import { actorFor } from '#services/org_context'
import { createBotValidator } from '#validators/integrations'

/** Bot accounts of an organization (owners and admins). */
export default class BotsController {
  /** GET /organizations/:orgId/bots */
  async index({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(BotTransformer.transform(await BotQueries.list(actor)))
  }

  /** GET /organizations/:orgId/bots/:botId */
  async show({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(BotTransformer.transform(await BotQueries.show(actor, params.botId)))
  }

  /** POST /organizations/:orgId/bots */
  async store({ auth, params, request, response, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(createBotValidator)
    response.status(201)
    return serialize(BotTransformer.transform(await CreateBot.handle(actor, input)))
  }

  /** DELETE /organizations/:orgId/bots/:botId */
  async destroy({ auth, params, response }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await DeleteBot.handle(actor, params.botId)
    return response.noContent()
  }
}
