import type { HttpContext } from '@adonisjs/core/http'
import AuditQueries from '#queries/audit_events'
import AuditEventTransformer from '#transformers/audit_event_transformer'
import { actorFor } from '#services/org_context'
import { listAuditValidator } from '#validators/audit'

/** An organization's audit log (owners and admins). */
export default class OrgAuditController {
  /** GET /organizations/:orgId/audit?action=&actorId=&targetId=&since=&until=&page=&perPage= */
  async index({ auth, params, request, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const filters = await request.validateUsing(listAuditValidator)
    const entries = await AuditQueries.forOrganization(actor, filters)
    return serialize(AuditEventTransformer.paginate(entries.all(), entries.getMeta()))
  }
}
