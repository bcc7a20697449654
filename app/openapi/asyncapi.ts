import { CONTACT, LICENSE, openApiDocument } from './document.js'
import { obj, str, type Schema } from './builder.js'
import { clientEvents } from './events/client_events.js'
import { serverEvents } from './events/server_events.js'
import { ackErrorSchema, COMMON_ACK_ERRORS, type SseChannelKind } from './events/event_spec.js'

/*
 * The AsyncAPI 3.0 document served at GET /asyncapi.json: every Socket.IO
 * event both ways (acks and their error codes, the handshake) and every SSE
 * channel and event. Shapes are the OpenAPI component schemas (the same
 * `#/components/schemas/…` paths), so /openapi.json and this document cannot
 * disagree. The event tables are app/openapi/events/*.
 */

type Json = Record<string, unknown>

const SSE_CHANNELS: Record<SseChannelKind, { id: string; address: string; about: string }> = {
  user: {
    id: 'sseUser',
    address: 'users/{userId}',
    about: 'One user’s events in every organization: only that user may subscribe.',
  },
  org: {
    id: 'sseOrg',
    address: 'orgs/{organizationId}',
    about: 'An organization’s member and presence events: its members may subscribe.',
  },
  room: {
    id: 'sseRoom',
    address: 'orgs/{organizationId}/rooms/{roomId}',
    about: 'A chat room’s events: its members may subscribe.',
  },
}

const PARAMETERS: Record<string, string> = {
  userId: 'The caller’s own user id (another user’s channel is 404)',
  organizationId: 'An organization the caller is a member of',
  roomId: 'A room of that organization the caller is a member of',
}

/** The Room schema without the per-viewer fields: how broadcasts carry a room. */
function sharedRoom(room: Schema): Schema {
  const perViewer = new Set(['role', 'lastReadSeq', 'muted', 'unreadCount'])
  const properties = Object.fromEntries(
    Object.entries(room.properties as Json).filter(([name]) => !perViewer.has(name))
  )
  const required = (room.required as string[]).filter((name) => !perViewer.has(name))
  return { ...room, properties, required }
}

/** The component schemas `root` refers to, directly or through other schemas. */
function referencedSchemas(root: unknown, all: Record<string, Schema>) {
  const used = new Map<string, Schema>()
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!value || typeof value !== 'object') return
    for (const [key, child] of Object.entries(value)) {
      const name =
        key === '$ref' && typeof child === 'string'
          ? /^#\/components\/schemas\/(\w+)$/.exec(child)?.[1]
          : undefined
      if (name && all[name] && !used.has(name)) {
        used.set(name, all[name])
        visit(all[name])
      } else visit(child)
    }
  }
  visit(root)
  return Object.fromEntries([...used].sort(([a], [b]) => a.localeCompare(b)))
}

const socketRef = { $ref: '#/channels/socket' }
const messageRef = (channel: string, name: string) => ({
  $ref: `#/channels/${channel}/messages/${name}`,
})

/** The ack of a client event: success with its data, or an error with one of its codes. */
function ackPayload(event: keyof typeof clientEvents): Schema {
  const spec = clientEvents[event]
  const codes = [...COMMON_ACK_ERRORS, ...spec.errors]
  return {
    oneOf: [
      obj({ ok: { const: true }, data: spec.ack }),
      obj({
        ok: { const: false },
        error: {
          allOf: [
            { $ref: '#/components/schemas/AckError' },
            obj({ code: str({ enum: codes }) }, true),
          ],
        },
      }),
    ],
  }
}

function clientSide(messages: Json, operations: Json) {
  for (const [name, spec] of Object.entries(clientEvents)) {
    const event = name as keyof typeof clientEvents
    messages[name] = {
      name,
      title: name,
      summary: spec.summary,
      description: spec.description,
      payload: spec.payload,
      examples: [{ name, payload: spec.example }],
    }
    messages[`${name}.ack`] = {
      name: `${name}.ack`,
      title: `${name} ack`,
      summary: `The answer to ${name}: \`{ ok: true, data }\` or \`{ ok: false, error }\``,
      payload: ackPayload(event),
      examples: [
        { name: 'ok', payload: { ok: true, data: spec.ackExample } },
        {
          name: 'error',
          payload: { ok: false, error: { code: 'E_NOT_FOUND', message: 'Room not found' } },
        },
      ],
    }
    operations[name] = {
      action: 'receive',
      channel: socketRef,
      title: name,
      summary: spec.summary,
      description: `${spec.description}\n\nAck error codes: ${[...COMMON_ACK_ERRORS, ...spec.errors].join(', ')}.`,
      messages: [messageRef('socket', name)],
      reply: { channel: socketRef, messages: [messageRef('socket', `${name}.ack`)] },
    }
  }
}

function serverSide(messages: Json, operations: Json, channels: Record<string, Json>) {
  for (const [name, spec] of Object.entries(serverEvents)) {
    const example = [{ name, payload: spec.example }]
    const base = { name, title: name, summary: spec.summary, description: spec.description }
    messages[name] = { ...base, payload: spec.payload, examples: example }
    operations[name] = {
      action: 'send',
      channel: socketRef,
      title: name,
      summary: spec.summary,
      description: spec.description,
      messages: [messageRef('socket', name)],
    }
    if (spec.delivery === 'socket') continue
    const sseName = `sse.${name}`
    messages[sseName] = {
      ...base,
      name: sseName,
      payload: obj({
        channel: str({ description: 'The channel it was published on' }),
        payload: obj({ event: { const: name }, data: spec.payload }),
      }),
      examples: [
        { name, payload: { channel: 'users/…', payload: { event: name, data: spec.example } } },
      ],
    }
    for (const kind of spec.delivery) {
      const channel = SSE_CHANNELS[kind].id
      ;(channels[channel].messages as Json)[sseName] = { $ref: `#/components/messages/${sseName}` }
      operations[`${channel}.${name}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${channel}` },
        title: `${name} on ${SSE_CHANNELS[kind].address}`,
        summary: spec.summary,
        description: `${spec.description} Also on Socket.IO as \`${name}\`.`,
        messages: [messageRef(channel, sseName)],
      }
    }
  }
}

function sseChannels(): Record<string, Json> {
  const channels: Record<string, Json> = {}
  for (const { id, address, about } of Object.values(SSE_CHANNELS)) {
    const names = [...address.matchAll(/\{(\w+)\}/g)].map(([, param]) => param)
    channels[id] = {
      address,
      title: address,
      description: `${about} Subscribe with \`POST /__transmit/subscribe\` \`{ uid, channel }\`.`,
      servers: [{ $ref: '#/servers/sse' }],
      parameters: Object.fromEntries(names.map((n) => [n, { description: PARAMETERS[n] }])),
      messages: {},
    }
  }
  return channels
}

const HANDSHAKE = `Connect with any Socket.IO v4 client (Engine.IO 4) to path \`/socket.io/\` of the server, \
sending \`auth: { token, organizationId? }\` in the CONNECT packet (or the headers \`Authorization: Bearer <token>\` \
and \`x-organization-id\`). The organization defaults to the user's active one. A refused handshake is \
\`connect_error\` whose message is the code (E_UNAUTHORIZED, E_NOT_FOUND, E_ORGANIZATION_REQUIRED, \
E_TWO_FACTOR_REQUIRED, E_TOO_MANY_CONNECTIONS) and whose \`data\` is \`{ code, message }\`. Once in, the server \
has joined the socket to the user's rooms and emits \`connected\`.`

const DESCRIPTION = `Parley's real-time contract: Socket.IO events both ways and SSE (Transmit) channels. \
Every server→client event carries exactly **one argument**, its payload. Every client→server event accepts an \
ack callback answered with \`{ ok: true, data }\` or \`{ ok: false, error: { code, message, field? } }\`; \
without an ack, a failure arrives as an \`error\` event. Error codes are the REST ones.\n\n\
**Recovery.** There is no session resumption: after any reconnect, call \`sync\` with the last cursor you hold \
per room (the room's change counter, not a message seq) and apply what comes back, by \`id\` and \`versionSeq\`. \
SSE clients do the same with \`GET /chat/rooms/{roomId}/messages?after=<cursor>\`. docs/client.md is the \
step-by-step guide.`

let cached:
  { source: ReturnType<typeof openApiDocument>; document: ReturnType<typeof build> } | undefined

/** The whole document, built again only when the OpenAPI document changed (a plugin registered). */
export function asyncApiDocument() {
  const source = openApiDocument()
  if (cached?.source !== source) cached = { source, document: build(source) }
  return cached.document
}

/** Builds the document from the OpenAPI components and the event tables. */
function build(openApi: ReturnType<typeof openApiDocument>) {
  const messages: Json = {
    connect_error: {
      name: 'connect_error',
      title: 'connect_error',
      summary: 'The handshake was refused (Socket.IO CONNECT_ERROR packet)',
      description: HANDSHAKE,
      payload: obj({ message: str(), data: { $ref: '#/components/schemas/AckError' } }),
      examples: [
        {
          name: 'unauthorized',
          payload: {
            message: 'E_UNAUTHORIZED',
            data: { code: 'E_UNAUTHORIZED', message: 'Authentication required' },
          },
        },
      ],
    },
  }
  const operations: Json = {
    connect_error: {
      action: 'send',
      channel: socketRef,
      title: 'connect_error',
      summary: 'The handshake was refused',
      description: 'The socket is not connected; the code says why (see the server description).',
      messages: [messageRef('socket', 'connect_error')],
    },
  }
  const channels = sseChannels()
  clientSide(messages, operations)
  serverSide(messages, operations, channels)
  const socketMessages = Object.fromEntries(
    Object.keys(messages)
      .filter((name) => !name.startsWith('sse.'))
      .map((name) => [name, { $ref: `#/components/messages/${name}` }])
  )
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Parley real-time API',
      version: openApi.info.version,
      description: DESCRIPTION,
      contact: CONTACT,
      license: { name: LICENSE.name },
      tags: [
        { name: 'socket.io', description: 'Socket.IO events on the default namespace' },
        { name: 'sse', description: 'Server-sent events (Transmit) channels' },
      ],
    },
    defaultContentType: 'application/json',
    servers: {
      socketio: {
        host: '{host}',
        protocol: 'ws',
        pathname: '/socket.io/',
        title: 'Socket.IO',
        description: HANDSHAKE,
        variables: { host: { default: 'localhost:3000', description: 'The Parley server' } },
        security: [{ $ref: '#/components/securitySchemes/token' }],
      },
      sse: {
        host: '{host}',
        protocol: 'http',
        pathname: '/__transmit',
        title: 'SSE (Transmit)',
        description: SSE_DESCRIPTION,
        variables: { host: { default: 'localhost:3000', description: 'The Parley server' } },
        security: [{ $ref: '#/components/securitySchemes/token' }],
      },
    },
    channels: {
      socket: {
        address: '/',
        title: 'Socket.IO default namespace',
        description: 'Every Socket.IO event, both ways, on the default namespace.',
        servers: [{ $ref: '#/servers/socketio' }],
        messages: socketMessages,
      },
      ...channels,
    },
    operations,
    components: {
      schemas: referencedSchemas(messages, {
        ...openApi.components.schemas,
        SharedRoom: sharedRoom(openApi.components.schemas.Room),
        AckError: ackErrorSchema,
      }),
      messages,
      securitySchemes: {
        token: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The access token of `POST /auth/login`: `auth.token` in the Socket.IO CONNECT packet or ' +
            '`Authorization: Bearer <token>`; on SSE, the Authorization header of every request.',
        },
      },
    },
  }
}

const SSE_DESCRIPTION = `For clients that cannot hold a WebSocket. Open \`GET /__transmit/events?uid=<uuid>\` \
(a UUID you generate; \`Authorization: Bearer <token>\`), then \`POST /__transmit/subscribe\` \
\`{ uid, channel }\` per channel (a foreign channel is 404). Each event is one SSE \`data:\` line holding \
\`{ channel, payload: { event, data } }\`, where \`event\` and \`data\` are the Socket.IO event's name and its \
one argument; \`$$transmit/ping\` messages keep the stream open. There are no event ids: on every reconnect, \
subscribe again and re-fetch with \`after=\`.`

/** The document's type. */
export type AsyncApiDocument = ReturnType<typeof build>
