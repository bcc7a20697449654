import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#models/app_model'

/** A room key is `active` (encrypts new bodies) or `retired` (only read until re-encrypted). */
export type RoomKeyStatus = 'active' | 'retired'

/**
 * A room's data key, stored only wrapped under a master key (DESIGN.md §5).
 * MessageCipher and KeyRotation own every read and write of it; the model
 * exists for inspection (status, tests) and never serializes key material.
 */
export default class RoomKey extends AppModel {
  static forOrg = scope((query, organizationId: string) => {
    query.where('room_keys.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare roomId: string

  @column({ serializeAs: null })
  declare wrappedKey: string | null

  @column()
  declare masterVersion: number

  @column()
  declare status: RoomKeyStatus

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare retiredAt: DateTime | null
}
