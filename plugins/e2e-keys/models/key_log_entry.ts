import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { AppModel } from '#extensions/models'
import type {
  EncryptionAlgorithm,
  SigningAlgorithm,
} from '../../../packages/client/src/e2e/device_keys.js'

/** One append-only entry of a user's hash-chained key log (e2e-keys). */
export default class KeyLogEntry extends AppModel {
  static table = 'e2e_key_log'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string

  @column()
  declare seq: number

  @column()
  declare action: 'register' | 'revoke'

  @column()
  declare deviceId: string

  @column()
  declare encryptionAlgorithm: EncryptionAlgorithm

  @column()
  declare encryptionFingerprint: string

  @column()
  declare signingAlgorithm: SigningAlgorithm

  @column()
  declare signingFingerprint: string

  @column()
  declare signature: string | null

  @column.dateTime()
  declare createdAt: DateTime

  @column()
  declare prevHash: string

  @column()
  declare hash: string
}
