import { WEBHOOK_EVENTS } from '#models/webhook'
import { SIGNATURE_TOLERANCE_SECONDS } from '#services/webhook_signature'
import {
  bool,
  data,
  described,
  int,
  list,
  nullable,
  obj,
  op,
  page,
  paging,
  ref,
  str,
  time,
  uuid,
  type Paths,
} from '../builder.js'

/* Operations of the integrations routes: bots and API keys, webhooks (issue 19). */

const org = <Path extends string>(path: Path) => `/organizations${path}` as const
const tag = 'integrations'
const botParam = { botId: 'The bot’s user id (another organization’s bot, or a person, is 404)' }
const webhookParam = { webhookId: 'The outgoing webhook’s id (another organization’s is 404)' }

const bot = obj({
  id: uuid(),
  username: str(),
  displayName: nullable(str()),
  avatarUrl: nullable(str()),
  lastSeenAt: nullable(time()),
  isBot: bool(),
  organizationId: uuid(),
  createdById: nullable(uuid()),
  createdAt: time(),
})
const apiKey = obj({
  id: str(),
  name: nullable(str()),
  lastUsedAt: nullable(time()),
  createdAt: time(),
})
const apiKeyWithSecret = obj({
  id: str(),
  name: nullable(str()),
  lastUsedAt: nullable(time()),
  createdAt: time(),
  secret: str(),
})

const ORG = '5b7c1c9e-2f41-4c55-9a0b-3d7f1c2e8a10'
const BOT = '0e3f6a52-8d4b-4b1e-a6f7-92c3d5e1b2a4'
const ADMIN = '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
const botExample = {
  id: BOT,
  username: 'deploy-bot',
  displayName: 'Deploy bot',
  avatarUrl: null,
  lastSeenAt: null,
  isBot: true,
  organizationId: ORG,
  createdById: ADMIN,
  createdAt: '2026-12-04T16:00:00.000Z',
}
const keyExample = {
  id: '42',
  name: 'ci',
  lastUsedAt: '2026-12-04T16:05:00.000Z',
  createdAt: '2026-12-04T16:00:00.000Z',
}

const bots: Paths = {
  [org('/{orgId}/bots')]: {
    get: op(org('/{orgId}/bots'), {
      tag,
      operationId: 'listBots',
      summary: 'Bots of the organization (owners and admins)',
      description:
        'Bot accounts owned by the organization, oldest first. A bot is a member of this organization only, has no password, and acts with API keys.',
      ok: { 200: data(list(bot)) },
      example: { data: [botExample] },
    }),
    post: op(org('/{orgId}/bots'), {
      tag,
      operationId: 'createBot',
      summary: 'Create a bot account (owners and admins)',
      description:
        'Creates a bot owned by the organization and makes it a member. It has no usable password; issue an API key to act as it. Add it to rooms with `POST /chat/rooms/{roomId}/members`. Usernames share the people’s namespace (422 on `username` when taken).',
      body: obj({
        'username': str({ minLength: 3, maxLength: 32 }),
        'displayName?': str({ maxLength: 100 }),
      }),
      ok: { 201: data(bot) },
      errors: [409],
      requestExample: { username: 'deploy-bot', displayName: 'Deploy bot' },
      example: { data: botExample },
    }),
  },
  [org('/{orgId}/bots/{botId}')]: {
    get: op(org('/{orgId}/bots/{botId}'), {
      tag,
      operationId: 'getBot',
      params: botParam,
      summary: 'One bot of the organization',
      description: 'A bot of another organization, or a person’s id, is 404.',
      ok: { 200: data(bot) },
      example: { data: botExample },
    }),
    delete: op(org('/{orgId}/bots/{botId}'), {
      tag,
      operationId: 'deleteBot',
      params: botParam,
      summary: 'Delete a bot',
      description:
        'Revokes every API key of the bot at once (its live sockets and SSE streams close), removes it from the organization and its rooms, and deletes its incoming webhooks. Its messages stay, without a sender.',
      ok: { 204: null },
    }),
  },
  [org('/{orgId}/bots/{botId}/keys')]: {
    get: op(org('/{orgId}/bots/{botId}/keys'), {
      tag,
      operationId: 'listBotApiKeys',
      params: botParam,
      summary: 'API keys of a bot',
      description:
        'Newest first, with when each was last used (updated at most once a minute). Secrets are never listed.',
      ok: { 200: data(list(apiKey)) },
      example: { data: [keyExample] },
    }),
    post: op(org('/{orgId}/bots/{botId}/keys'), {
      tag,
      operationId: 'createBotApiKey',
      params: botParam,
      summary: 'Issue an API key for a bot (the secret is shown once)',
      description:
        'The secret is a bearer token (`Authorization: Bearer <secret>`) for REST, Socket.IO and SSE, valid in the bot’s organization only, until revoked. Only its hash is stored: it cannot be shown again.',
      body: obj({ name: str({ minLength: 1, maxLength: 100 }) }),
      ok: { 201: data(apiKeyWithSecret) },
      requestExample: { name: 'ci' },
      example: { data: { ...keyExample, lastUsedAt: null, secret: 'plr_NDI.c2VjcmV0…' } },
    }),
  },
  [org('/{orgId}/bots/{botId}/keys/{keyId}')]: {
    delete: op(org('/{orgId}/bots/{botId}/keys/{keyId}'), {
      tag,
      operationId: 'revokeBotApiKey',
      params: { ...botParam, keyId: 'The API key’s id' },
      summary: 'Revoke an API key',
      description:
        'Requests with the key are 401 at once, and the sockets and SSE streams it opened close on every node.',
      ok: { 204: null },
    }),
  },
}

const event = str({ enum: [...WEBHOOK_EVENTS] })
const webhookFields = {
  id: uuid(),
  organizationId: uuid(),
  url: str(),
  events: list(event),
  consecutiveFailures: int({ minimum: 0 }),
  roomIds: nullable(list(uuid())),
  enabled: bool(),
  disabledAt: nullable(time()),
  disabledReason: nullable(str()),
  createdById: nullable(uuid()),
  createdAt: time(),
  updatedAt: time(),
}
const webhook = obj(webhookFields)
const webhookWithSecret = obj({ ...webhookFields, secret: str() })
const delivery = obj({
  id: uuid(),
  webhookId: uuid(),
  event,
  status: str({ enum: ['queued', 'succeeded', 'failed'] }),
  attempts: int({ minimum: 0 }),
  payload: obj(
    { id: uuid(), event, organizationId: uuid(), occurredAt: time(), data: { type: 'object' } },
    true
  ),
  responseStatus: nullable(int()),
  lastError: nullable(str()),
  deliveredAt: nullable(time()),
  createdAt: time(),
})

const HOOK = '3c9d7e21-5a4b-4f6c-8d2e-1b0a9f8e7d6c'
const ROOM = '9f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f'
const webhookExample = {
  id: HOOK,
  organizationId: ORG,
  url: 'https://ci.example.com/parley',
  events: ['message.created'],
  consecutiveFailures: 0,
  roomIds: [ROOM],
  enabled: true,
  disabledAt: null,
  disabledReason: null,
  createdById: ADMIN,
  createdAt: '2026-12-04T16:00:00.000Z',
  updatedAt: '2026-12-04T16:00:00.000Z',
}

const signing =
  'Each delivery is a POST of JSON `{ id, event, organizationId, occurredAt, data }` with the headers ' +
  '`X-Parley-Event`, `X-Parley-Delivery` (the delivery id, the same on retries: deduplicate on it) and ' +
  '`X-Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Receivers ' +
  `recompute the HMAC over the raw body and refuse a timestamp more than ${SIGNATURE_TOLERANCE_SECONDS} ` +
  'seconds from their clock (replay window). A non-2xx answer, a redirect, a timeout or a refused address ' +
  'is a failed attempt, retried with exponential backoff (WEBHOOK_RETRY_LIMIT, WEBHOOK_RETRY_DELAY_SECONDS); ' +
  'after WEBHOOK_DISABLE_AFTER failed attempts in a row the webhook is disabled and `disabledReason` says why. ' +
  'Private, loopback, link-local (cloud metadata) and reserved addresses are refused, as for link previews.'

const webhooks: Paths = {
  [org('/{orgId}/webhooks')]: {
    get: op(org('/{orgId}/webhooks'), {
      tag,
      operationId: 'listWebhooks',
      summary: 'Outgoing webhooks of the organization (owners and admins)',
      description:
        'Oldest first; a disabled webhook shows when and why (`disabledAt`, `disabledReason`).',
      ok: { 200: data(list(webhook)) },
      example: { data: [webhookExample] },
    }),
    post: op(org('/{orgId}/webhooks'), {
      tag,
      operationId: 'createWebhook',
      summary: 'Subscribe a URL to events of the organization (the signing secret is shown once)',
      description: `${signing} With \`roomIds\`, only events of those rooms are sent (another organization’s room is 404), and organization events (member.joined, member.left) are not.`,
      body: obj({
        'url': str({ format: 'uri', maxLength: 2048 }),
        'events': list(event, { minItems: 1, uniqueItems: true }),
        'roomIds?': list(uuid(), { minItems: 1, maxItems: 20, uniqueItems: true }),
      }),
      ok: { 201: data(webhookWithSecret) },
      requestExample: {
        url: 'https://ci.example.com/parley',
        events: ['message.created'],
        roomIds: [ROOM],
      },
      example: { data: { ...webhookExample, secret: 'whsec_8K3…' } },
    }),
  },
  [org('/{orgId}/webhooks/{webhookId}')]: {
    get: op(org('/{orgId}/webhooks/{webhookId}'), {
      tag,
      operationId: 'getWebhook',
      params: webhookParam,
      summary: 'One outgoing webhook',
      description: 'Another organization’s webhook is 404.',
      ok: { 200: data(webhook) },
      example: { data: webhookExample },
    }),
    patch: op(org('/{orgId}/webhooks/{webhookId}'), {
      tag,
      operationId: 'updateWebhook',
      params: webhookParam,
      summary: 'Change a webhook’s URL or events, or turn it off and on',
      description:
        '`enabled: true` re-enables a webhook that was disabled after repeated failures (its failure count restarts); `enabled: false` disables it, with the admin’s name as the reason.',
      body: obj({
        'url?': str({ format: 'uri', maxLength: 2048 }),
        'events?': list(event, { minItems: 1, uniqueItems: true }),
        'enabled?': bool(),
      }),
      ok: { 200: data(webhook) },
      requestExample: { enabled: true },
      example: { data: webhookExample },
    }),
    delete: op(org('/{orgId}/webhooks/{webhookId}'), {
      tag,
      operationId: 'deleteWebhook',
      params: webhookParam,
      summary: 'Delete a webhook and its delivery history',
      description: 'Deliveries still queued are dropped.',
      ok: { 204: null },
    }),
  },
  [org('/{orgId}/webhooks/{webhookId}/rotate-secret')]: {
    post: op(org('/{orgId}/webhooks/{webhookId}/rotate-secret'), {
      tag,
      operationId: 'rotateWebhookSecret',
      params: webhookParam,
      summary: 'Replace a webhook’s signing secret (the new one is shown once)',
      description:
        'For `graceSeconds` (default 86400, a day; 0 for none; at most a week) the replaced secret keeps signing too: `X-Parley-Signature` then carries two `v1` entries, `t=<t>,v1=<new secret’s>,v1=<previous secret’s>`, so a receiver that accepts any matching `v1` can switch secrets without refusing a delivery. A later rotation ends the earlier grace. Audited (`webhook.secret_rotated`).',
      body: obj({ 'graceSeconds?': int({ minimum: 0, maximum: 604800 }) }),
      ok: { 200: data(webhookWithSecret) },
      requestExample: { graceSeconds: 3600 },
      example: { data: { ...webhookExample, secret: 'whsec_Q7x…' } },
    }),
  },
  [org('/{orgId}/webhooks/{webhookId}/deliveries')]: {
    get: op(org('/{orgId}/webhooks/{webhookId}/deliveries'), {
      tag,
      operationId: 'listWebhookDeliveries',
      params: webhookParam,
      summary: 'Deliveries of a webhook, newest first',
      description:
        'Each delivery with its status (`queued` while waiting or retrying, `succeeded`, `failed` once retries are exhausted or the webhook was disabled), attempts, the last HTTP status and error, and the body sent.',
      query: {
        ...paging,
        status: described(
          str({ enum: ['queued', 'succeeded', 'failed'] }),
          'Only deliveries in this status'
        ),
      },
      ok: { 200: page(delivery) },
      example: {
        data: [
          {
            id: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
            webhookId: HOOK,
            event: 'message.created',
            status: 'failed',
            attempts: 6,
            payload: {
              id: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
              event: 'message.created',
              organizationId: ORG,
              occurredAt: '2026-12-04T16:01:00.000Z',
              data: { message: { id: '…' } },
            },
            responseStatus: 503,
            lastError: 'The endpoint answered 503',
            deliveredAt: null,
            createdAt: '2026-12-04T16:01:00.000Z',
          },
        ],
        meta: { total: 1, perPage: 25, currentPage: 1, lastPage: 1, firstPage: 1 },
      },
    }),
  },
}

const incomingFields = {
  id: uuid(),
  organizationId: uuid(),
  roomId: uuid(),
  botId: uuid(),
  name: str(),
  createdById: nullable(uuid()),
  lastUsedAt: nullable(time()),
  createdAt: time(),
}
const incoming = obj(incomingFields)
const incomingWithUrl = obj({ ...incomingFields, token: str(), url: str() })
const incomingExample = {
  id: '6e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d1c',
  organizationId: ORG,
  roomId: ROOM,
  botId: BOT,
  name: 'Alerts',
  createdById: ADMIN,
  lastUsedAt: null,
  createdAt: '2026-12-04T16:00:00.000Z',
}

const incomingWebhooks: Paths = {
  [org('/{orgId}/incoming-webhooks')]: {
    get: op(org('/{orgId}/incoming-webhooks'), {
      tag,
      operationId: 'listIncomingWebhooks',
      summary: 'Incoming webhooks of the organization (owners and admins)',
      description: 'Oldest first. Their secret URLs are never listed.',
      ok: { 200: data(list(incoming)) },
      example: { data: [incomingExample] },
    }),
    post: op(org('/{orgId}/incoming-webhooks'), {
      tag,
      operationId: 'createIncomingWebhook',
      summary: 'Create a secret URL that posts into one room as a bot (the URL is shown once)',
      description:
        'The bot must be a bot of this organization and already a member of the room (409 E_BOT_NOT_IN_ROOM); another organization’s bot or room is 404. Only the sha256 of the URL’s token is stored.',
      body: obj({ name: str({ minLength: 1, maxLength: 100 }), roomId: uuid(), botId: uuid() }),
      ok: { 201: data(incomingWithUrl) },
      errors: [409],
      requestExample: { name: 'Alerts', roomId: ROOM, botId: BOT },
      example: {
        data: {
          ...incomingExample,
          token: 'q2V0…',
          url: 'https://chat.example.com/hooks/incoming/q2V0…',
        },
      },
    }),
  },
  [org('/{orgId}/incoming-webhooks/{incomingWebhookId}')]: {
    delete: op(org('/{orgId}/incoming-webhooks/{incomingWebhookId}'), {
      tag,
      operationId: 'deleteIncomingWebhook',
      params: { incomingWebhookId: 'The incoming webhook’s id (another organization’s is 404)' },
      summary: 'Delete an incoming webhook',
      description: 'Its URL answers 404 at once.',
      ok: { 204: null },
    }),
  },
  '/hooks/incoming/{token}': {
    post: op('/hooks/incoming/{token}', {
      tag,
      operationId: 'postIncomingWebhook',
      params: { token: 'The incoming webhook’s secret token, from its URL' },
      summary: 'Post a message through an incoming webhook (the secret URL is the credential)',
      description:
        'Posts `text` as the hook’s bot into its room, through the same send path as any member (ordered, committed before the answer, fanned out, indexed). An unknown token, a deleted bot or a bot no longer in the room is 404. Posts spend the bot’s send budget (429 with Retry-After).',
      auth: false,
      body: obj({ text: str({ minLength: 1, maxLength: 10_000 }) }),
      ok: { 201: data(ref('Message')) },
      errors: [429],
      requestExample: { text: 'Deploy of api 1.4.2 finished' },
    }),
  },
}

/** Integrations operations. */
export const integrationPaths: Paths = { ...bots, ...webhooks, ...incomingWebhooks }
