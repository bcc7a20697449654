import type { HttpContext } from '@adonisjs/core/http'
import UpdateRetention from '#actions/retention/update_retention'
import RetentionQueries from '#queries/retention'
import { actorFor } from '#services/org_context'
import { updateRetentionValidator } from '#validators/retention'

/** An organization's retention rules (owners and admins). */
export default class RetentionController {
  /** GET /organizations/:orgId/retention */
  async show({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(await RetentionQueries.policy(actor))
  }

  /** PUT /organizations/:orgId/retention { days } */
  async update({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const { days } = await request.validateUsing(updateRetentionValidator)
    await UpdateRetention.handle(actor, days)
    return serialize(await RetentionQueries.policy(actor))
  }

  /** PUT /organizations/:orgId/retention/rooms/:roomId { days } */
  async updateRoom({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const { days } = await request.validateUsing(updateRetentionValidator)
    await UpdateRetention.handle(actor, days, params.roomId)
    return serialize(await RetentionQueries.policy(actor))
  }

  /** GET /organizations/:orgId/retention/preview: what the next run would delete. */
  async preview({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(await RetentionQueries.preview(actor))
  }
}
