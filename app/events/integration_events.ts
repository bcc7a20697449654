/**
 * Payload of every integrations event: who did what to which credential or
 * webhook, in which organization. The actions write their audit entries
 * themselves (#domain/bots/audit); these events are for listeners such as
 * the access cache (app/listeners/access_invalidations.ts).
 */
export interface IntegrationChanged {
  organizationId: string
  /** The admin who acted (null: the system, e.g. a webhook disabled after failures). */
  actorId: string | null
  /** The bot, API key, webhook or incoming webhook concerned. */
  targetId: string
  /** The bot an API key belongs to, when the target is a key. */
  botId?: string
  /** Why, when the system acted (a webhook's `disabledReason`). */
  reason?: string
}

/**
 * Integrations events, emitted by their actions after commit (audit hooks:
 * `audit:*` listeners subscribe here).
 */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'bot:created': IntegrationChanged
    'bot:deleted': IntegrationChanged
    'api_key:created': IntegrationChanged
    'api_key:revoked': IntegrationChanged
    'webhook:created': IntegrationChanged
    'webhook:updated': IntegrationChanged
    'webhook:deleted': IntegrationChanged
    'webhook:disabled': IntegrationChanged
    'incoming_webhook:created': IntegrationChanged
    'incoming_webhook:deleted': IntegrationChanged
  }
}
