import type { paths } from '@parley/client'
import { request } from './api'

/*
 * The REST calls of the organization's admin pages (bots and API keys,
 * webhooks, the audit log, moderation, retention, exports, slash
 * commands) and of "Download my data", typed by the SDK's
 * generated /openapi.json paths, through api.ts's `request`.
 */

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never
type Success<R> = R extends { 200: infer A }
  ? Json<A>
  : R extends { 201: infer A }
    ? Json<A>
    : never
type Answer<P extends keyof paths, M extends string> = M extends keyof paths[P]
  ? paths[P][M] extends { responses: infer R }
    ? Success<R>
    : never
  : never
/** The `data` of an operation's success answer. */
type DataOf<P extends keyof paths, M extends string> =
  Answer<P, M> extends { data: infer D } ? D : never

type OrgPath = '/organizations/{orgId}'
export type Bot = DataOf<`${OrgPath}/bots`, 'get'>[number]
export type ApiKey = DataOf<`${OrgPath}/bots/{botId}/keys`, 'get'>[number]
export type NewApiKey = DataOf<`${OrgPath}/bots/{botId}/keys`, 'post'>
export type Webhook = DataOf<`${OrgPath}/webhooks`, 'get'>[number]
export type NewWebhook = DataOf<`${OrgPath}/webhooks`, 'post'>
export type WebhookEvent = Webhook['events'][number]
export type Delivery = DataOf<`${OrgPath}/webhooks/{webhookId}/deliveries`, 'get'>[number]
export type IncomingWebhook = DataOf<`${OrgPath}/incoming-webhooks`, 'get'>[number]
export type NewIncomingWebhook = DataOf<`${OrgPath}/incoming-webhooks`, 'post'>
export type AuditEntry = DataOf<`${OrgPath}/audit`, 'get'>[number]
export type Report = DataOf<`${OrgPath}/reports`, 'get'>[number]
export type MutedMember = DataOf<`${OrgPath}/mutes`, 'get'>[number]
export type Ban = DataOf<`${OrgPath}/bans`, 'get'>[number]
export type RetentionPolicy = DataOf<`${OrgPath}/retention`, 'get'>
export type RetentionPreview = DataOf<`${OrgPath}/retention/preview`, 'get'>
export type DataExport = DataOf<`${OrgPath}/exports/{exportId}`, 'get'>
export type SlashCommand = DataOf<`${OrgPath}/commands`, 'get'>[number]
export type NewSlashCommand = DataOf<`${OrgPath}/commands`, 'post'>

/** The events a webhook can subscribe to, in the order the server documents them. */
export const WEBHOOK_EVENTS: WebhookEvent[] = [
  'message.created',
  'message.edited',
  'message.deleted',
  'member.joined',
  'member.left',
  'room.member_added',
  'room.member_removed',
  'reaction.added',
  'reaction.removed',
]

/** Page metadata of a paged list (DESIGN.md §10). */
export interface PageMeta {
  total: number
  perPage: number
  currentPage: number
  lastPage: number
}

const data = <T>(answer: Promise<{ data: T }>) => answer.then((r) => r.data)
const paged = <T>(answer: Promise<{ data: T; meta?: unknown }>) =>
  answer.then((r) => ({ rows: r.data, meta: r.meta as PageMeta }))
const org = (orgId: string) => `/organizations/${orgId}`
const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value))
  }
  return search.size ? `?${search}` : ''
}

export const bots = {
  list: (orgId: string) => data(request<Bot[]>('GET', `${org(orgId)}/bots`)),
  create: (orgId: string, input: { username: string; displayName?: string }) =>
    data(request<Bot>('POST', `${org(orgId)}/bots`, input)),
  remove: (orgId: string, botId: string) => request('DELETE', `${org(orgId)}/bots/${botId}`),
  keys: (orgId: string, botId: string) =>
    data(request<ApiKey[]>('GET', `${org(orgId)}/bots/${botId}/keys`)),
  createKey: (orgId: string, botId: string, name: string) =>
    data(request<NewApiKey>('POST', `${org(orgId)}/bots/${botId}/keys`, { name })),
  revokeKey: (orgId: string, botId: string, keyId: string) =>
    request('DELETE', `${org(orgId)}/bots/${botId}/keys/${keyId}`),
}

export const webhooks = {
  list: (orgId: string) => data(request<Webhook[]>('GET', `${org(orgId)}/webhooks`)),
  create: (orgId: string, input: { url: string; events: WebhookEvent[]; roomIds?: string[] }) =>
    data(request<NewWebhook>('POST', `${org(orgId)}/webhooks`, input)),
  update: (
    orgId: string,
    webhookId: string,
    patch: { url?: string; events?: WebhookEvent[]; enabled?: boolean }
  ) => data(request<Webhook>('PATCH', `${org(orgId)}/webhooks/${webhookId}`, patch)),
  remove: (orgId: string, webhookId: string) =>
    request('DELETE', `${org(orgId)}/webhooks/${webhookId}`),
  deliveries: (orgId: string, webhookId: string, page = 1) =>
    paged(
      request<Delivery[]>(
        'GET',
        `${org(orgId)}/webhooks/${webhookId}/deliveries${query({ page, perPage: 20 })}`
      )
    ),
}

export const incomingWebhooks = {
  list: (orgId: string) =>
    data(request<IncomingWebhook[]>('GET', `${org(orgId)}/incoming-webhooks`)),
  create: (orgId: string, input: { name: string; roomId: string; botId: string }) =>
    data(request<NewIncomingWebhook>('POST', `${org(orgId)}/incoming-webhooks`, input)),
  remove: (orgId: string, hookId: string) =>
    request('DELETE', `${org(orgId)}/incoming-webhooks/${hookId}`),
}

/** Audit log filters as the server takes them (dates as ISO date-times). */
export interface AuditFilters {
  action?: string
  actorId?: string
  since?: string
  until?: string
  page?: number
}

export const audit = {
  list: (orgId: string, filters: AuditFilters) =>
    paged(request<AuditEntry[]>('GET', `${org(orgId)}/audit${query({ ...filters, perPage: 25 })}`)),
}

export const moderation = {
  reports: (orgId: string, status: 'open' | 'resolved', page = 1) =>
    paged(request<Report[]>('GET', `${org(orgId)}/reports${query({ status, page, perPage: 25 })}`)),
  resolve: (orgId: string, reportId: string, resolution: 'dismissed' | 'actioned') =>
    data(request<Report>('POST', `${org(orgId)}/reports/${reportId}/resolve`, { resolution })),
  report: (messageId: string, reason: string) =>
    data(request<Report>('POST', `/chat/messages/${messageId}/report`, { reason })),
  mutes: (orgId: string) => data(request<MutedMember[]>('GET', `${org(orgId)}/mutes`)),
  mute: (orgId: string, userId: string, minutes: number, reason?: string) =>
    data(
      request<MutedMember>('POST', `${org(orgId)}/members/${userId}/mute`, {
        minutes,
        ...(reason ? { reason } : {}),
      })
    ),
  unmute: (orgId: string, userId: string) =>
    data(request<MutedMember>('DELETE', `${org(orgId)}/members/${userId}/mute`)),
  bans: (orgId: string) => data(request<Ban[]>('GET', `${org(orgId)}/bans`)),
  ban: (orgId: string, userId: string, reason?: string) =>
    data(request<Ban>('POST', `${org(orgId)}/bans`, { userId, ...(reason ? { reason } : {}) })),
  unban: (orgId: string, userId: string) => request('DELETE', `${org(orgId)}/bans/${userId}`),
  slowMode: (roomId: string, seconds: number) =>
    data(request('PUT', `/chat/rooms/${roomId}/slow-mode`, { seconds })),
}

export const retention = {
  show: (orgId: string) => data(request<RetentionPolicy>('GET', `${org(orgId)}/retention`)),
  set: (orgId: string, days: number | null) =>
    data(request<RetentionPolicy>('PUT', `${org(orgId)}/retention`, { days })),
  setRoom: (orgId: string, roomId: string, days: number | null) =>
    data(request<RetentionPolicy>('PUT', `${org(orgId)}/retention/rooms/${roomId}`, { days })),
  preview: (orgId: string) =>
    data(request<RetentionPreview>('GET', `${org(orgId)}/retention/preview`)),
}

export const orgExports = {
  list: (orgId: string, page = 1) =>
    paged(request<DataExport[]>('GET', `${org(orgId)}/exports${query({ page, perPage: 10 })}`)),
  start: (orgId: string) => data(request<DataExport>('POST', `${org(orgId)}/exports`)),
  show: (orgId: string, exportId: string) =>
    data(request<DataExport>('GET', `${org(orgId)}/exports/${exportId}`)),
}

/** The signed-in user's exports of their own data (everyone). */
export const myExports = {
  list: (page = 1) =>
    paged(request<DataExport[]>('GET', `/users/me/exports${query({ page, perPage: 10 })}`)),
  start: () => data(request<DataExport>('POST', '/users/me/exports')),
  show: (exportId: string) => data(request<DataExport>('GET', `/users/me/exports/${exportId}`)),
}

/** What registering a slash command takes (docs/integrations.md). */
export interface SlashCommandInput {
  name: string
  url: string
  botId: string
  description?: string
  usageHint?: string
  roomIds?: string[]
}

export const slashCommands = {
  list: (orgId: string) => data(request<SlashCommand[]>('GET', `${org(orgId)}/commands`)),
  create: (orgId: string, input: SlashCommandInput) =>
    data(request<NewSlashCommand>('POST', `${org(orgId)}/commands`, input)),
  remove: (orgId: string, commandId: string) =>
    request('DELETE', `${org(orgId)}/commands/${commandId}`),
}
