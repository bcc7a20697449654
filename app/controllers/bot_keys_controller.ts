import type { HttpContext } from '@adonisjs/core/http'
import CreateApiKey from '#actions/bots/create_api_key'
import RevokeApiKey from '#actions/bots/revoke_api_key'
import BotQueries from '#queries/bots'
import ApiKeyTransformer from '#transformers/api_key_transformer'
import { actorFor } from '#services/org_context'
import { createApiKeyValidator } from '#validators/integrations'

/** A bot's API keys: issue (secret shown once), list, revoke. */
export default class BotKeysController {
  /** GET /organizations/:orgId/bots/:botId/keys */
  async index({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(ApiKeyTransformer.transform(await BotQueries.keys(actor, params.botId)))
  }

  /** POST /organizations/:orgId/bots/:botId/keys */
  async store({ auth, params, request, response, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(createApiKeyValidator)
    const { key } = await CreateApiKey.handle(actor, params.botId, input)
    response.status(201)
    return serialize(ApiKeyTransformer.transform(key).useVariant('withSecret'))
  }

  /** DELETE /organizations/:orgId/bots/:botId/keys/:keyId */
  async destroy({ auth, params, response }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await RevokeApiKey.handle(actor, params.botId, params.keyId)
    return response.noContent()
  }
}
