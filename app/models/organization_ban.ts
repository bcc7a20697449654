import { DateTime } from 'luxon'
import { belongsTo, column, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { AppModel } from '#models/app_model'
import User from '#models/user'

/**
 * A person removed from an organization who may not come back: invites to
 * the account or to the address it had are refused until an admin lifts it.
 */
export default class OrganizationBan extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare userId: string

  /** The account's address when banned, lower-cased. */
  @column()
  declare email: string

  @column()
  declare bannedById: string | null

  @column()
  declare reason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
