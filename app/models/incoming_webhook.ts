import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/**
 * An incoming webhook: a secret URL (`/hooks/incoming/<token>`) whose posts
 * become messages of one bot in one room. Only the token's sha256 is stored.
 */
export default class IncomingWebhook extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare roomId: string

  @column()
  declare botId: string

  @column()
  declare name: string

  @column({ serializeAs: null })
  declare tokenHash: string

  @column.dateTime()
  declare lastUsedAt: DateTime | null

  @column()
  declare createdById: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
