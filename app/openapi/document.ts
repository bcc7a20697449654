import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { schemas } from './schemas.js'
import { accountPaths } from './paths/accounts.js'
import { chatPaths } from './paths/chat.js'
import { adminPaths } from './paths/admin.js'
import { withBodyErrors, type Paths, type Schema } from './builder.js'

/*
 * The OpenAPI 3.1 document served at GET /openapi.json. Core paths are
 * static (app/openapi/paths/); an enabled plugin adds its own with
 * `registerOpenApiPaths` from its provider, so the document lists exactly
 * the routes this server answers.
 */

const pluginPaths: Paths = {}
const pluginSchemas: Record<string, Schema> = {}
let cached: ReturnType<typeof build> | undefined

/** Adds a plugin's operations (and component schemas) to the document. */
export function registerOpenApiPaths(paths: Paths, extraSchemas: Record<string, Schema> = {}) {
  Object.assign(pluginPaths, paths)
  Object.assign(pluginSchemas, extraSchemas)
  cached = undefined
}

/** The whole document, built once (the admin result schemas are read from disk). */
export function openApiDocument() {
  cached ??= build()
  return cached
}

/** Parley's version from package.json (`info.version`). */
function version(): string {
  return JSON.parse(readFileSync(app.makePath('package.json'), 'utf8')).version ?? '0.0.0'
}

function build() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parley API',
      version: version(),
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
    paths: withBodyErrors({ ...accountPaths, ...chatPaths, ...adminPaths(), ...pluginPaths }),
    components: {
      schemas: { ...schemas, ...pluginSchemas },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An opaque access token' },
      },
    },
  }
}

/** The document's type, for the reference renderer. */
export type OpenApiDocument = ReturnType<typeof build>
