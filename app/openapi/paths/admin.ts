import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { OPERATION_ROUTES } from '#admin/operation_routes'
import { data, list, openApiPath, op, type Paths, type Schema } from '../builder.js'

/*
 * The admin API (chatctl's remote mode). Each operation's result is pinned by
 * the committed chatctl schema (schemas/<topic>-<verb>.json, its `result`),
 * so the CLI contract and this document cannot drift apart.
 */

/**
 * The `result` schema of a chatctl command's committed JSON schema. Batch
 * commands (several ids or emails) report `{ succeeded: [{ item, result }],
 * failed }`; the REST route handles one item, so it answers one `result`.
 */
function resultSchema(id: string): Schema {
  const file = app.makePath('schemas', `${id.replaceAll(':', '-')}.json`)
  const result = JSON.parse(readFileSync(file, 'utf8')).properties?.result
  const batchItem = result?.properties?.succeeded?.items?.properties?.result
  return batchItem ?? result ?? { type: 'object' }
}

/**
 * Operations that one command runs besides its own (`token revoke --all`):
 * their results in terms of that command's schema.
 */
const EXTRA_RESULTS: Record<string, () => Schema> = {
  'token:revoke-all': () => list(resultSchema('token:revoke')),
  'export:show': () => resultSchema('org:export'),
}

/** Admin operations, built from chatctl's operation table. */
export function adminPaths(): Paths {
  const paths: Paths = {}
  for (const [id, route] of Object.entries(OPERATION_ROUTES)) {
    const path = openApiPath(route.path)
    const reads = route.method === 'GET' || route.method === 'DELETE'
    const status = 'status' in route ? route.status : 200
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = op(path, {
      operationId: `admin${id.replace(/(^|[:-])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
      tag: 'admin',
      summary: `chatctl ${id.replace(':', ' ')} (admin token)`,
      description: 'Needs a server-wide admin token (chatctl token create), not a user token.',
      ...(reads ? { query: {} } : { body: { type: 'object' }, requestExample: {} }),
      ok: { [status]: data(EXTRA_RESULTS[id]?.() ?? resultSchema(id)) },
      errors: id.startsWith('key:') ? [403, 409, 503] : [403, 409],
    })
  }
  return paths
}
