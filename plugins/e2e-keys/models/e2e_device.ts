import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { AppModel } from '#extensions/models'
import type {
  EncryptionAlgorithm,
  SigningAlgorithm,
} from '../../../packages/client/src/e2e/device_keys.js'

/**
 * A device's public keys (e2e-keys). The id is chosen by the device; its keys
 * never change: a new key pair is a new device, so an envelope addressed to
 * a device id always means one key. Revoked devices stay, for the key log.
 */
export default class E2eDevice extends AppModel {
  static table = 'e2e_devices'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string

  @column()
  declare encryptionAlgorithm: EncryptionAlgorithm

  @column()
  declare encryptionKey: string

  @column()
  declare encryptionFingerprint: string

  @column()
  declare signingAlgorithm: SigningAlgorithm

  @column()
  declare signingKey: string

  @column()
  declare signingFingerprint: string

  /** The device's signature of its registration (see `registrationPayload`). */
  @column()
  declare signature: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare revokedAt: DateTime | null
}
