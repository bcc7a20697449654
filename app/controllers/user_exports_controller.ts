import type { HttpContext } from '@adonisjs/core/http'
import CreateExport from '#actions/exports/create_export'
import ExportQueries from '#queries/exports'
import { serializeWithMeta } from '#transformers/serializer'
import { listExportsValidator } from '#validators/exports'

/** A user's export of their own data (GDPR art. 20). */
export default class UserExportsController {
  /** GET /users/me/exports?page=&perPage=: the caller's own, newest first. */
  async index({ auth, request }: HttpContext) {
    const paging = await request.validateUsing(listExportsValidator)
    const { exports, meta } = await ExportQueries.listForUser(auth.getUserOrFail(), paging)
    return serializeWithMeta(exports, meta)
  }

  /** POST /users/me/exports */
  async store({ auth, response, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const created = await CreateExport.user(user, user)
    response.status(201)
    return serialize(await ExportQueries.forUser(user, created.id))
  }

  /** GET /users/me/exports/:exportId */
  async show({ auth, params, serialize }: HttpContext) {
    return serialize(await ExportQueries.forUser(auth.getUserOrFail(), params.exportId))
  }
}
