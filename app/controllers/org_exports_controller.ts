import type { HttpContext } from '@adonisjs/core/http'
import CreateExport from '#actions/exports/create_export'
import ExportQueries from '#queries/exports'
import { actorFor } from '#services/org_context'
import { serializeWithMeta } from '#transformers/serializer'
import { listExportsValidator } from '#validators/exports'

/** An organization's exports (owners): request one, then follow its progress to the link. */
export default class OrgExportsController {
  /** GET /organizations/:orgId/exports?page=&perPage=: newest first. */
  async index({ auth, params, request }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const paging = await request.validateUsing(listExportsValidator)
    const { exports, meta } = await ExportQueries.listForOrganization(actor, paging)
    return serializeWithMeta(exports, meta)
  }

  /** POST /organizations/:orgId/exports */
  async store({ auth, params, response, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    const created = await CreateExport.organization(actor)
    response.status(201)
    return serialize(await ExportQueries.forOrganization(actor, created.id))
  }

  /** GET /organizations/:orgId/exports/:exportId: status, progress, and a fresh link when ready. */
  async show({ auth, params, serialize }: HttpContext) {
    const actor = await actorFor(auth.getUserOrFail(), params.orgId)
    return serialize(await ExportQueries.forOrganization(actor, params.exportId))
  }
}
