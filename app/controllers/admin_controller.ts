import type { HttpContext } from '@adonisjs/core/http'
import { OPERATIONS, runOperation } from '#admin/operations'
import { adminRouteName } from '#admin/operation_routes'
import { serialize } from '#transformers/serializer'

/** Operation ids by route name, built once. */
const BY_ROUTE = new Map(Object.keys(OPERATIONS).map((id) => [adminRouteName(id), id]))

/**
 * The admin API (chatctl remote mode): every route runs its admin operation
 * with the query (GET, DELETE) or body plus the path parameters as input.
 * If the client goes away first (an interrupted `key rotate`), the signal
 * aborts the work at its next batch, and the next run resumes it.
 */
export default class AdminController {
  /** Any admin route: validate → operation → the one envelope. */
  async run({ auth, request, response, route, params }: HttpContext) {
    const id = BY_ROUTE.get(route!.name!)!
    const reads = ['GET', 'DELETE'].includes(request.method())
    const input = { ...(reads ? request.qs() : request.body()), ...params }
    const aborter = new AbortController()
    response.response.once('close', () => aborter.abort())
    const principal = { user: auth.getUserOrFail(), mode: 'remote' as const }
    const data = await runOperation(id, input, { principal, signal: aborter.signal })
    response.status(OPERATIONS[id].status ?? 200)
    return serialize(data)
  }
}
