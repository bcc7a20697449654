import vine from '@vinejs/vine'
import { WEBHOOK_EVENTS } from '#models/webhook'
import { MAX_CONTENT_LENGTH } from '#validators/chat'
import {
  displayNameRule,
  idRule,
  pageRule,
  perPageRule,
  textRule,
  usernameRule,
} from '#validators/rules'

/*
 * Documented limits: bot usernames as people's (3–32), key and hook names
 * 1–100 characters, webhook URLs http(s) up to 2048 characters, at most 20
 * rooms per webhook filter, incoming message text as a message's content.
 */

/** A short label (API key, incoming webhook). */
const labelRule = () => textRule().trim().minLength(1).maxLength(100)

/** An absolute http(s) URL without credentials (the SSRF rules are checked when sending). */
const hookUrlRule = () =>
  textRule()
    .trim()
    .maxLength(2048)
    .url({
      require_protocol: true,
      require_tld: false,
      protocols: ['http', 'https'],
      allow_underscores: true,
    })

/** POST /organizations/:orgId/bots */
export const createBotValidator = vine.create({
  username: usernameRule(),
  displayName: displayNameRule().optional(),
})

/** POST /organizations/:orgId/bots/:botId/keys */
export const createApiKeyValidator = vine.create({
  name: labelRule(),
})

/** POST /organizations/:orgId/webhooks */
export const createWebhookValidator = vine.create({
  url: hookUrlRule(),
  events: vine
    .array(vine.enum(WEBHOOK_EVENTS))
    .minLength(1)
    .maxLength(WEBHOOK_EVENTS.length)
    .distinct(),
  roomIds: vine.array(idRule()).minLength(1).maxLength(20).distinct().optional(),
})

/** PATCH /organizations/:orgId/webhooks/:webhookId: `enabled: true` re-enables a disabled webhook. */
export const updateWebhookValidator = vine.create({
  url: hookUrlRule().optional(),
  events: vine
    .array(vine.enum(WEBHOOK_EVENTS))
    .minLength(1)
    .maxLength(WEBHOOK_EVENTS.length)
    .distinct()
    .optional(),
  enabled: vine.boolean({ strict: true }).optional(),
})

/** How long a replaced webhook secret may keep signing: up to a week. */
const graceRule = () =>
  vine
    .number({ strict: true })
    .withoutDecimals()
    .min(0)
    .max(7 * 24 * 3600)

/** POST /organizations/:orgId/webhooks/:webhookId/rotate-secret (the body is optional). */
export const rotateWebhookSecretValidator = vine.create({
  graceSeconds: graceRule().optional(),
})

/** GET /organizations/:orgId/webhooks/:webhookId/deliveries */
export const listDeliveriesValidator = vine.create({
  page: pageRule().optional(),
  perPage: perPageRule().optional(),
  status: vine.enum(['queued', 'succeeded', 'failed'] as const).optional(),
})

/** POST /organizations/:orgId/incoming-webhooks */
export const createIncomingWebhookValidator = vine.create({
  name: labelRule(),
  roomId: idRule(),
  botId: idRule(),
})

/** POST /hooks/incoming/:token: the message to post (JSON). */
export const incomingMessageValidator = vine.create({
  text: textRule().minLength(1).maxLength(MAX_CONTENT_LENGTH).regex(/\S/),
})

/** A chatctl reference: an id, slug, username or email. */
const refRule = () => textRule().trim().minLength(1).maxLength(254)

/** chatctl bot create */
export const adminCreateBotValidator = vine.create({
  org: refRule(),
  username: usernameRule(),
  displayName: displayNameRule().optional(),
})

/** chatctl bot list, webhook list */
export const adminOrgRefValidator = vine.create({ org: refRule() })

/** chatctl bot delete, bot key list */
export const adminBotRefValidator = vine.create({ org: refRule(), bot: refRule() })

/** chatctl bot key create */
export const adminCreateApiKeyValidator = vine.create({
  org: refRule(),
  bot: refRule(),
  name: labelRule(),
})

/** chatctl bot key revoke */
export const adminApiKeyRefValidator = vine.create({
  org: refRule(),
  bot: refRule(),
  key: textRule().trim().minLength(1).maxLength(20),
})

/** chatctl webhook create */
export const adminCreateWebhookValidator = vine.create({
  org: refRule(),
  url: hookUrlRule(),
  events: vine
    .array(vine.enum(WEBHOOK_EVENTS))
    .minLength(1)
    .maxLength(WEBHOOK_EVENTS.length)
    .distinct(),
  roomIds: vine.array(idRule()).minLength(1).maxLength(20).distinct().optional(),
})

/** chatctl webhook enable, webhook delete */
export const adminWebhookRefValidator = vine.create({ org: refRule(), webhook: idRule() })

/** chatctl webhook rotate-secret */
export const adminRotateWebhookSecretValidator = vine.create({
  org: refRule(),
  webhook: idRule(),
  graceSeconds: graceRule().optional(),
})

/** chatctl webhook incoming create: the bot by id or username. */
export const adminCreateIncomingWebhookValidator = vine.create({
  org: refRule(),
  name: labelRule(),
  roomId: idRule(),
  bot: refRule(),
})

/** chatctl webhook incoming delete */
export const adminIncomingWebhookRefValidator = vine.create({ org: refRule(), hook: idRule() })

/** chatctl webhook deliveries */
export const adminListDeliveriesValidator = vine.create({
  org: refRule(),
  webhook: idRule(),
  status: vine.enum(['queued', 'succeeded', 'failed'] as const).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})
