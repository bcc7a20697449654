import type { HttpContext } from '@adonisjs/core/http'
import presence from '#services/presence_service'
import { actorFor } from '#services/org_context'

/**
 * Who is online in an organization right now: the snapshot a client needs
 * on connect, before `user_online` / `user_offline` keep it current.
 */
export default class OrgPresenceController {
  /** GET /organizations/:orgId/presence: `{ data: { online: [userId] } }`, members only. */
  async index({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize({ online: await presence.onlineUserIds(actor.organization.id) })
  }
}
