import { schemas } from './schemas.js'
import { accountPaths } from './paths/accounts.js'
import { chatPaths } from './paths/chat.js'
import { adminPaths } from './paths/admin.js'
import type { Paths, Schema } from './builder.js'

/*
 * The OpenAPI 3.1 document served at GET /openapi.json. Core paths are
 * static (app/openapi/paths/); an enabled plugin adds its own with `registerOpenApiPaths` from its
 * provider, so the document lists exactly the routes this server answers.
 */

const pluginPaths: Paths = {}
const pluginSchemas: Record<string, Schema> = {}

/** Adds a plugin's operations (and component schemas) to the document. */
export function registerOpenApiPaths(paths: Paths, extraSchemas: Record<string, Schema> = {}) {
  Object.assign(pluginPaths, paths)
  Object.assign(pluginSchemas, extraSchemas)
}

/** The whole document. */
export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parley API',
      version,
      description:
        'REST API of Parley, a multi-tenant real-time chat server. Success bodies are ' +
        '`{ data }` (lists add `meta`); errors are `{ errors: [{ code, message, field? }] }`. ' +
        'A resource of another organization is always 404. Real-time events (Socket.IO and ' +
        'SSE) are described in DESIGN.md §6.',
    },
    servers: [{ url: '/' }],
    tags: ['system', 'auth', 'users', 'organizations', 'chat', 'media', 'notifications']
      .concat(['realtime', 'admin', 'web', 'devices', 'keys'])
      .map((name) => ({ name })),
    paths: { ...accountPaths, ...chatPaths, ...adminPaths(), ...pluginPaths },
    components: {
      schemas: { ...schemas, ...pluginSchemas },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An opaque access token' },
      },
    },
  }
}

/** The document's type, for the reference renderer. */
export type OpenApiDocument = ReturnType<typeof openApiDocument>
