import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/** Where a report stands in the moderation queue. */
export type ReportStatus = 'open' | 'resolved'

/** How a moderator closed a report. */
export type ReportResolution = 'dismissed' | 'actioned'

/** A member's report of a message, waiting in the moderators' queue. */
export default class MessageReport extends AppModel {
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
  declare messageId: string

  @column()
  declare reporterId: string

  @column()
  declare reason: string

  @column()
  declare status: ReportStatus

  @column()
  declare resolvedById: string | null

  @column()
  declare resolution: ReportResolution | null

  @column.dateTime()
  declare resolvedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
