import type { HttpContext } from '@adonisjs/core/http'
import CreateIncomingWebhook from '#actions/incoming_webhooks/create_incoming_webhook'
import DeleteIncomingWebhook from '#actions/incoming_webhooks/delete_incoming_webhook'
import PostIncomingMessage from '#actions/incoming_webhooks/post_incoming_message'
import IncomingWebhookQueries from '#queries/incoming_webhooks'
import IncomingWebhookTransformer from '#transformers/incoming_webhook_transformer'
import MessageTransformer from '#transformers/message_transformer'
import { actorFor } from '#services/org_context'
import { createIncomingWebhookValidator, incomingMessageValidator } from '#validators/integrations'

/** Incoming webhooks: managed by admins, posted to by anyone holding the secret URL. */
export default class IncomingWebhooksController {
  /** GET /organizations/:orgId/incoming-webhooks */
  async index({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(IncomingWebhookTransformer.transform(await IncomingWebhookQueries.list(actor)))
  }

  /** POST /organizations/:orgId/incoming-webhooks: answers the secret URL, once. */
  async store({ auth, params, request, response, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(createIncomingWebhookValidator)
    const { hook, token } = await CreateIncomingWebhook.handle(actor, input)
    response.status(201)
    return serialize(IncomingWebhookTransformer.transform(hook, token).useVariant('withUrl'))
  }

  /** DELETE /organizations/:orgId/incoming-webhooks/:incomingWebhookId */
  async destroy({ auth, params, response }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await DeleteIncomingWebhook.handle(actor, params.incomingWebhookId)
    return response.noContent()
  }

  /** POST /hooks/incoming/:token: posts `text` as the hook's bot; answers the message. */
  async post({ params, request, response, serialize }: HttpContext) {
    const input = await request.validateUsing(incomingMessageValidator)
    const message = await PostIncomingMessage.handle(params.token, input)
    response.status(201)
    return serialize(MessageTransformer.transform(message))
  }
}
