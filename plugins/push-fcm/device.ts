import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { AppModel } from '#extensions/models'

/** Where a device's app runs; decides the platform block of a push. */
export type DevicePlatform = 'ios' | 'android' | 'web'

/** One app install that receives pushes for its user (push-fcm). */
export default class Device extends AppModel {
  static table = 'devices'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string

  @column({ serializeAs: null })
  declare token: string

  @column()
  declare platform: DevicePlatform

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true })
  declare lastSeenAt: DateTime
}
