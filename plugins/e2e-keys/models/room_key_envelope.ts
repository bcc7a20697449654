import { DateTime } from 'luxon'
import { column, scope } from '@adonisjs/lucid/orm'
import { AppModel } from '#extensions/models'

/**
 * A room key version wrapped for one member device and signed by the
 * uploading device (e2e-keys). The server cannot open it.
 */
export default class RoomKeyEnvelope extends AppModel {
  static table = 'e2e_room_key_envelopes'

  static forOrg = scope((query, organizationId: string) => {
    query.where('e2e_room_key_envelopes.organization_id', organizationId)
  })

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare roomId: string

  @column()
  declare versionId: string

  @column()
  declare version: number

  @column()
  declare userId: string

  @column()
  declare deviceId: string

  @column()
  declare senderUserId: string | null

  @column()
  declare senderDeviceId: string

  @column()
  declare wrappedKey: string

  @column()
  declare signature: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
