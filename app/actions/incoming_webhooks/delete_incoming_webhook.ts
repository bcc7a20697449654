import emitter from '@adonisjs/core/services/emitter'
import { audit, auditIntegration } from '#domain/bots/audit'
import type { Actor } from '#types/actor'
import IncomingWebhook from '#models/incoming_webhook'
import { authorize } from '#services/authorizer'
import { isUuid } from '#services/org_context'
import { NotFoundException } from '#exceptions/app_exception'

/** Deletes an incoming webhook (owners and admins): its URL stops working at once. */
export default class DeleteIncomingWebhook {
  static async handle(actor: Actor, hookId: string) {
    await authorize(actor, 'manageOrgSettings')
    if (!isUuid(hookId)) throw new NotFoundException('Incoming webhook not found')
    const deleted = await IncomingWebhook.query()
      .withScopes((s) => s.forOrg(actor.organization.id))
      .where('id', hookId)
      .delete()
    if (!Number(deleted[0] ?? 0)) throw new NotFoundException('Incoming webhook not found')
    await auditIntegration(actor, 'incoming_webhook.deleted', {
      type: 'incoming_webhook',
      id: hookId,
    })
    emitter.emit('incoming_webhook:deleted', audit(actor, hookId))
  }
}
