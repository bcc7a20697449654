import { SIGNATURE_TOLERANCE_SECONDS } from '#services/webhook_signature'
import { data, list, nullable, obj, op, ref, str, time, uuid, type Paths } from '../builder.js'

/* Operations of slash commands (issue 19): admins register them, members run them in rooms. */

const org = <Path extends string>(path: Path) => `/organizations${path}` as const
const chat = <Path extends string>(path: Path) => `/chat${path}` as const
const commandParam = { commandId: 'The slash command’s id (another organization’s is 404)' }

const fields = {
  id: uuid(),
  organizationId: uuid(),
  name: str({ description: 'Without the slash' }),
  url: str(),
  botId: uuid(),
  createdById: nullable(uuid()),
  description: nullable(str()),
  usageHint: nullable(str()),
  roomIds: nullable(list(uuid())),
  createdAt: time(),
  updatedAt: time(),
}
const command = obj(fields)
const commandWithSecret = obj({ ...fields, secret: str() })
const forMember = obj({ name: str(), description: nullable(str()), usageHint: nullable(str()) })

const ORG = '5b7c1c9e-2f41-4c55-9a0b-3d7f1c2e8a10'
const BOT = '0e3f6a52-8d4b-4b1e-a6f7-92c3d5e1b2a4'
const ADMIN = '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
const commandExample = {
  id: '2b4d6f80-1a3c-4e5f-8a7b-9c0d1e2f3a4b',
  organizationId: ORG,
  name: 'deploy',
  url: 'https://ci.example.com/slash',
  botId: BOT,
  createdById: ADMIN,
  description: 'Deploy a service',
  usageHint: '<service> <version>',
  roomIds: null,
  createdAt: '2026-12-04T16:00:00.000Z',
  updatedAt: '2026-12-04T16:00:00.000Z',
}

const call =
  'Running `/name args` POSTs JSON `{ id, command, args, organizationId, room: { id, name }, user: { id, ' +
  'username, displayName }, issuedAt }` to the endpoint with `X-Parley-Event: command`, `X-Parley-Delivery` ' +
  '(the call’s id) and `X-Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` ' +
  `(refuse timestamps more than ${SIGNATURE_TOLERANCE_SECONDS} seconds away), under the same SSRF rules as ` +
  'webhooks. The endpoint answers 2xx JSON `{ text, responseType?: "ephemeral" | "in_channel" }` ' +
  '(default ephemeral) within WEBHOOK_TIMEOUT_MS.'

/** Slash command operations. */
export const commandPaths: Paths = {
  [org('/{orgId}/commands')]: {
    get: op(org('/{orgId}/commands'), {
      tag: 'integrations',
      operationId: 'listCommands',
      summary: 'Slash commands of the organization (owners and admins)',
      description: 'By name. Signing secrets are never listed.',
      ok: { 200: data(list(command)) },
      example: { data: [commandExample] },
    }),
    post: op(org('/{orgId}/commands'), {
      tag: 'integrations',
      operationId: 'createCommand',
      summary: 'Register a slash command (the signing secret is shown once)',
      description: `${call} In-channel answers are posted as \`botId\`, a bot of this organization that must be in the room. With \`roomIds\` the command exists only in those rooms. Another organization’s bot or room is 404; a name already taken is 409 E_COMMAND_EXISTS. Audited.`,
      body: obj({
        'name': str({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' }),
        'url': str({ format: 'uri', maxLength: 2048 }),
        'botId': uuid(),
        'description?': str({ maxLength: 200 }),
        'usageHint?': str({ maxLength: 100 }),
        'roomIds?': list(uuid(), { minItems: 1, maxItems: 20, uniqueItems: true }),
      }),
      ok: { 201: data(commandWithSecret) },
      errors: [409],
      requestExample: {
        name: 'deploy',
        url: 'https://ci.example.com/slash',
        botId: BOT,
        description: 'Deploy a service',
        usageHint: '<service> <version>',
      },
      example: { data: { ...commandExample, secret: 'whsec_8K3…' } },
    }),
  },
  [org('/{orgId}/commands/{commandId}')]: {
    get: op(org('/{orgId}/commands/{commandId}'), {
      tag: 'integrations',
      operationId: 'getCommand',
      params: commandParam,
      summary: 'One slash command',
      description: 'Another organization’s command is 404.',
      ok: { 200: data(command) },
      example: { data: commandExample },
    }),
    patch: op(org('/{orgId}/commands/{commandId}'), {
      tag: 'integrations',
      operationId: 'updateCommand',
      params: commandParam,
      summary: 'Change a slash command’s endpoint, description, usage hint or rooms',
      description:
        'Only the fields sent change; the name, bot and signing secret stay. `null` or an empty string clears ' +
        '`description` and `usageHint`; `roomIds: null` makes the command available in every room again. ' +
        'Another organization’s command or room is 404. Audited (`command.updated`, with the changed fields) ' +
        'when something changed.',
      body: obj({
        'url?': str({ format: 'uri', maxLength: 2048 }),
        'description?': nullable(str({ maxLength: 200 })),
        'usageHint?': nullable(str({ maxLength: 100 })),
        'roomIds?': nullable(list(uuid(), { minItems: 1, maxItems: 20, uniqueItems: true })),
      }),
      ok: { 200: data(command) },
      requestExample: { url: 'https://ci.example.com/slash/v2', roomIds: null },
      example: { data: { ...commandExample, url: 'https://ci.example.com/slash/v2' } },
    }),
    delete: op(org('/{orgId}/commands/{commandId}'), {
      tag: 'integrations',
      operationId: 'deleteCommand',
      params: commandParam,
      summary: 'Remove a slash command',
      description: 'Running it answers 404 E_UNKNOWN_COMMAND from then on. Audited.',
      ok: { 204: null },
    }),
  },
  [org('/{orgId}/commands/{commandId}/rotate-secret')]: {
    post: op(org('/{orgId}/commands/{commandId}/rotate-secret'), {
      tag: 'integrations',
      operationId: 'rotateCommandSecret',
      params: commandParam,
      summary: 'Replace a slash command’s signing secret (the new one is shown once)',
      description:
        'The new secret signs every call from then on; unlike webhooks there is no grace period (a call is ' +
        'made while the member waits, so update the endpoint’s secret, then run the command to check). ' +
        'Another organization’s command is 404. Audited (`command.secret_rotated`, never with the secret).',
      ok: { 200: data(commandWithSecret) },
      example: { data: { ...commandExample, secret: 'whsec_Q7x…' } },
    }),
  },
  [chat('/rooms/{roomId}/commands')]: {
    get: op(chat('/rooms/{roomId}/commands'), {
      tag: 'chat',
      operationId: 'listRoomCommands',
      org: true,
      summary: 'The slash commands a member can run in a room',
      description:
        'By name, with what a composer shows; empty in end-to-end encrypted rooms (commands are refused there).',
      ok: { 200: data(list(forMember)) },
      example: {
        data: [
          { name: 'deploy', description: 'Deploy a service', usageHint: '<service> <version>' },
        ],
      },
    }),
    post: op(chat('/rooms/{roomId}/commands'), {
      tag: 'chat',
      operationId: 'runCommand',
      org: true,
      summary: 'Run a slash command in a room and answer its result',
      description:
        'A separate door rather than a message: `/word` sent as a message is stored as text. ' +
        `${call} An \`in_channel\` answer is posted to the room as the command’s bot (\`new_message\`; \`message\` here); ` +
        'an `ephemeral` one reaches the caller only (here, and `command_response` on their sockets in this ' +
        'organization and their SSE user channel). ' +
        'A name not available in the room is 404 E_UNKNOWN_COMMAND; an endpoint that fails, times out or answers ' +
        'something invalid is 502 E_COMMAND_FAILED; end-to-end encrypted rooms are 409 E_COMMAND_UNAVAILABLE ' +
        '(the arguments would reach the server in clear); a bot not in the room is 409 E_BOT_NOT_IN_ROOM. ' +
        'Archived rooms and muted members are refused as for a message, and it spends the send budget.',
      body: obj({
        'command': str({
          minLength: 1,
          maxLength: 33,
          description: 'The name; a leading `/` is allowed',
        }),
        'args?': str({ maxLength: 4000 }),
      }),
      ok: { 200: data(ref('CommandResult')) },
      errors: [409, 429, 502],
      requestExample: { command: 'deploy', args: 'api 1.4.2' },
    }),
  },
}
