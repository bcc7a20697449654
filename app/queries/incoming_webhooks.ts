import IncomingWebhook from '#models/incoming_webhook'
import type { Actor } from '#types/actor'
import { authorize } from '#services/authorizer'

/** The read side of incoming webhooks (owners and admins). */
export default class IncomingWebhookQueries {
  /** The organization's incoming webhooks, oldest first. */
  static async list(actor: Actor) {
    await authorize(actor, 'manageOrgSettings')
    return IncomingWebhook.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .orderBy('created_at')
      .orderBy('id')
  }
}
