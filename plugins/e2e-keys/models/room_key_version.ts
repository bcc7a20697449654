import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#extensions/models'

/**
 * One key version of an encrypted room (e2e-keys). Immutable once written;
 * `staleAt` is set when the room's members change, after which new messages
 * need the next version.
 */
export default class RoomKeyVersion extends AppModel {
  static table = 'e2e_room_key_versions'

  static forOrg = scope((query, organizationId: string) => {
    query.where('e2e_room_key_versions.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare roomId: string

  @column()
  declare version: number

  @column()
  declare createdById: string | null

  @column()
  declare createdByDeviceId: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare staleAt: DateTime | null
}
