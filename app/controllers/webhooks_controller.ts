import type { HttpContext } from '@adonisjs/core/http'
import CreateWebhook from '#actions/webhooks/create_webhook'
import UpdateWebhook from '#actions/webhooks/update_webhook'
import DeleteWebhook from '#actions/webhooks/delete_webhook'
import RotateWebhookSecret from '#actions/webhooks/rotate_webhook_secret'
import WebhookQueries from '#queries/webhooks'
import WebhookTransformer from '#transformers/webhook_transformer'
import WebhookDeliveryTransformer from '#transformers/webhook_delivery_transformer'
import { actorFor } from '#services/org_context'
import {
  createWebhookValidator,
  listDeliveriesValidator,
  rotateWebhookSecretValidator,
  updateWebhookValidator,
} from '#validators/integrations'

/** Outgoing webhooks of an organization and their deliveries (owners and admins). */
export default class WebhooksController {
  /** GET /organizations/:orgId/webhooks */
  async index({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(WebhookTransformer.transform(await WebhookQueries.list(actor)))
  }

  /** GET /organizations/:orgId/webhooks/:webhookId */
  async show({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(
      WebhookTransformer.transform(await WebhookQueries.show(actor, params.webhookId))
    )
  }

  /** POST /organizations/:orgId/webhooks: answers the signing secret, once. */
  async store({ auth, params, request, response, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(createWebhookValidator)
    const { webhook, secret } = await CreateWebhook.handle(actor, input)
    response.status(201)
    return serialize(WebhookTransformer.transform(webhook, secret).useVariant('withSecret'))
  }

  /** PATCH /organizations/:orgId/webhooks/:webhookId */
  async update({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(updateWebhookValidator)
    const webhook = await UpdateWebhook.handle(actor, params.webhookId, input)
    return serialize(WebhookTransformer.transform(webhook))
  }

  /** POST /organizations/:orgId/webhooks/:webhookId/rotate-secret: answers the new secret, once. */
  async rotateSecret({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const input = await request.validateUsing(rotateWebhookSecretValidator)
    const { webhook, secret } = await RotateWebhookSecret.handle(actor, params.webhookId, input)
    return serialize(WebhookTransformer.transform(webhook, secret).useVariant('withSecret'))
  }

  /** DELETE /organizations/:orgId/webhooks/:webhookId */
  async destroy({ auth, params, response }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    await DeleteWebhook.handle(actor, params.webhookId)
    return response.noContent()
  }

  /** GET /organizations/:orgId/webhooks/:webhookId/deliveries */
  async deliveries({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const filter = await request.validateUsing(listDeliveriesValidator)
    const page = await WebhookQueries.deliveries(actor, params.webhookId, filter)
    return serialize(WebhookDeliveryTransformer.paginate(page.all(), page.getMeta()))
  }
}
