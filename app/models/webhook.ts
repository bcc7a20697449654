import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/** The organization events an outgoing webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'message.created',
  'message.edited',
  'message.deleted',
  'member.joined',
  'member.left',
  'room.member_added',
  'room.member_removed',
  'reaction.added',
  'reaction.removed',
] as const

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/**
 * An outgoing webhook: a URL subscribed to events of one organization,
 * optionally only those of some rooms. Its signing secret is sealed with
 * APP_KEY (the HMAC needs it in clear). After WEBHOOK_DISABLE_AFTER failed
 * deliveries in a row it is disabled, with the reason kept.
 */
export default class Webhook extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare url: string

  @column()
  declare events: WebhookEvent[]

  /** Only events of these rooms (null: every room, and organization events). */
  @column()
  declare roomIds: string[] | null

  @column({ serializeAs: null })
  declare secretSealed: string

  /** The secret a rotation replaced, still signing deliveries until `previousSecretExpiresAt`. */
  @column({ serializeAs: null })
  declare previousSecretSealed: string | null

  @column.dateTime()
  declare previousSecretExpiresAt: DateTime | null

  @column()
  declare consecutiveFailures: number

  @column.dateTime()
  declare disabledAt: DateTime | null

  @column()
  declare disabledReason: string | null

  @column()
  declare createdById: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
