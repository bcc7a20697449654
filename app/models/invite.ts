import { DateTime } from 'luxon'
import { belongsTo, column, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { AppModel } from '#models/app_model'
import Organization from '#models/organization'
import MailDelivery from '#models/mail_delivery'
import type { Role } from '#models/membership'

/** An email-bound, single-use, expiring invitation. Only the token's sha256 is stored. */
export default class Invite extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare email: string

  @column()
  declare role: Role

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare invitedById: string | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column()
  declare acceptedById: string | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  /** The delivery of the invite mail: whether it was sent (null before mail was tracked). */
  @column()
  declare mailDeliveryId: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => MailDelivery)
  declare mailDelivery: BelongsTo<typeof MailDelivery>
}
