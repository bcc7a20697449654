import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { schemas } from './schemas.js'
import { accountPaths } from './paths/accounts.js'
import { accountSecurityPaths } from './paths/account_security.js'
import { chatPaths } from './paths/chat.js'
import { conversationPaths } from './paths/conversations.js'
import { adminPaths } from './paths/admin.js'
import { governancePaths } from './paths/governance.js'
import { integrationPaths } from './paths/integrations.js'
import { exportPaths } from './paths/exports.js'
import { commandPaths } from './paths/commands.js'
import { withBodyErrors, withBotErrors, type Paths, type Schema } from './builder.js'

/*
 * The OpenAPI 3.1 document served at GET /openapi.json. Core paths are
 * static (app/openapi/paths/); an enabled plugin adds its own with
 * `registerOpenApiPaths` from its provider, so the document lists exactly
 * the routes this server answers.
 */

const pluginPaths: Paths = {}
const pluginSchemas: Record<string, Schema> = {}
let cached: ReturnType<typeof build> | undefined

/** The tags operations are grouped by, with what each covers. */
const TAGS: Record<string, string> = {
  system: 'Health probes and the API documents',
  auth: 'Accounts, sessions, email verification, password reset, 2FA, single sign-on',
  users: 'Profiles of the caller and of people sharing an organization',
  organizations: 'Organizations, members, roles, invites, presence, analytics',
  chat: 'Rooms, messages, read pointers, reactions, pins, threads, search',
  media: 'File uploads, signed downloads and avatars',
  notifications: 'Notifications and room muting',
  realtime: 'The SSE (Transmit) stream; Socket.IO is in /asyncapi.json',
  admin: 'The admin API of chatctl’s remote mode (admin tokens only)',
  web: 'The bundled web client',
  devices: 'Push notification tokens (plugin push-fcm)',
  keys: 'End-to-end encryption keys (plugin e2e-keys)',
  integrations: 'Bots, API keys, outgoing and incoming webhooks',
}

/** Who answers for a Parley server: its operators (Parley is self-hosted). */
export const CONTACT = { name: 'The operators of this Parley server' }

/** Parley's license, as package.json states it. */
export const LICENSE = { name: 'UNLICENSED (proprietary)', identifier: 'LicenseRef-UNLICENSED' }

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
      contact: CONTACT,
      license: LICENSE,
      description:
        'REST API of Parley, a multi-tenant real-time chat server. Success bodies are ' +
        '`{ data }` (lists add `meta`); errors are `{ errors: [{ code, message, field? }] }`. ' +
        'A resource of another organization is always 404. Real-time events (Socket.IO and ' +
        'SSE) are described in /asyncapi.json (rendered at /docs/realtime); docs/client.md ' +
        'is the guide to writing a client.',
    },
    servers: [{ url: '/' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths: withBotErrors(
      withBodyErrors({
        ...accountPaths,
        ...accountSecurityPaths,
        ...chatPaths,
        ...conversationPaths,
        ...adminPaths(),
        ...governancePaths,
        ...exportPaths,
        ...integrationPaths,
        ...commandPaths,
        ...pluginPaths,
      })
    ),
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
