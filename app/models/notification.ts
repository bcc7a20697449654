import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/** Why a user was notified: a message while away, or a mention. */
export type NotificationType = 'message' | 'mention' | 'thread'

/**
 * Small metadata kept with a notification. Never message text (bodies are
 * encrypted at rest): `seq` locates the message in its room, `mentionKind`
 * says how the user was mentioned (`user`, `here`, `all`).
 */
export interface NotificationData {
  seq?: number
  mentionKind?: string
}

/** A notification for one user in one organization. */
export default class Notification extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('notifications.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare userId: string

  @column()
  declare type: NotificationType

  @column()
  declare roomId: string | null

  @column()
  declare messageId: string | null

  @column()
  declare actorId: string | null

  @column()
  declare data: NotificationData

  @column.dateTime()
  declare readAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
