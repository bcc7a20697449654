import { DateTime } from 'luxon'
import { belongsTo, column, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { AppModel } from '#models/app_model'
import User from '#models/user'
import Organization from '#models/organization'

/** Organization roles, highest first. */
export const ROLES = ['owner', 'admin', 'moderator', 'member'] as const
export type Role = (typeof ROLES)[number]

/** A user's place in an organization, with their role. */
export default class Membership extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare userId: string

  @column()
  declare role: Role

  /** Until when the member may not send in the organization (null: not muted). */
  @column.dateTime()
  declare mutedUntil: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>
}
