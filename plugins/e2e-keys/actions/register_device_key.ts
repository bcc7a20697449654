import { committedTransaction } from '#extensions/database'
import emitter from '@adonisjs/core/services/emitter'
import type { User } from '#extensions/types'
import { AppException, ConflictException, NotFoundException } from '#extensions/errors'
import E2eDevice from '../models/e2e_device.js'
import type {
  EncryptionAlgorithm,
  SigningAlgorithm,
} from '../../../packages/client/src/e2e/device_keys.js'
import { registrationPayload } from '../../../packages/client/src/e2e/device_keys.js'
import { checkPublicKey, verifyDeviceSignature } from '../key_validation.js'
import { appendKeyLog, contactsOf, lockUserKeys } from './key_log.js'

/** What `PUT /keys/devices/:deviceId` carries. */
export interface RegisterDeviceKeyInput {
  encryptionKey: { algorithm: EncryptionAlgorithm; publicKey: string }
  signingKey: { algorithm: SigningAlgorithm; publicKey: string }
  signature: string
}

/**
 * Registers a device's public keys for the caller. Both keys are validated
 * and fingerprinted, and the device must have signed its registration with
 * its signing key. A device's keys never change: the same keys again are a
 * no-op (200), other keys are 409 E_DEVICE_KEY_IMMUTABLE (register a new
 * device id), a revoked id stays revoked, and another user's id is 404.
 * The registration is appended to the key log and `key_changed` goes to
 * the user's contacts after commit.
 */
export default class RegisterDeviceKey {
  static async handle(user: User, deviceId: string, input: RegisterDeviceKeyInput, limit: number) {
    const encryption = checkPublicKey(
      'encryptionKey.publicKey',
      input.encryptionKey.algorithm,
      input.encryptionKey.publicKey
    )
    const signing = checkPublicKey(
      'signingKey.publicKey',
      input.signingKey.algorithm,
      input.signingKey.publicKey
    )
    const payload = registrationPayload({
      userId: user.id,
      deviceId,
      encryptionFingerprint: encryption.fingerprint,
      signingFingerprint: signing.fingerprint,
    })
    if (!verifyDeviceSignature(signing.algorithm, signing.keyObject, payload, input.signature)) {
      throw new AppException('The registration is not signed by this signing key', {
        status: 422,
        code: 'E_VALIDATION_ERROR',
        field: 'signature',
      })
    }
    const result = await committedTransaction(async (trx) => {
      await lockUserKeys(trx, user.id)
      const existing = await E2eDevice.query({ client: trx })
        .where('id', deviceId)
        .forUpdate()
        .first()
      if (existing) {
        if (existing.userId !== user.id) throw new NotFoundException('Device not found')
        if (existing.revokedAt)
          throw new ConflictException('This device was revoked', 'E_DEVICE_REVOKED')
        const same =
          existing.encryptionFingerprint === encryption.fingerprint &&
          existing.signingFingerprint === signing.fingerprint
        if (!same) {
          throw new ConflictException(
            'A device keeps its keys: register a new device id',
            'E_DEVICE_KEY_IMMUTABLE'
          )
        }
        return { device: existing, entry: null }
      }
      const active = await E2eDevice.query({ client: trx })
        .where('user_id', user.id)
        .whereNull('revoked_at')
        .count('* as total')
      if (Number(active[0].$extras.total) >= limit) {
        throw new ConflictException(
          `At most ${limit} active devices per user`,
          'E_TOO_MANY_DEVICES'
        )
      }
      const device = await E2eDevice.create(
        {
          id: deviceId,
          userId: user.id,
          encryptionAlgorithm: encryption.algorithm,
          encryptionKey: encryption.pem,
          encryptionFingerprint: encryption.fingerprint,
          signingAlgorithm: signing.algorithm,
          signingKey: signing.pem,
          signingFingerprint: signing.fingerprint,
          signature: input.signature,
          revokedAt: null,
        },
        { client: trx }
      )
      return { device, entry: await appendKeyLog(trx, device, 'register') }
    })
    if (result.entry) {
      emitter.emit('user:key_changed', {
        userId: user.id,
        deviceId,
        action: 'register',
        seq: result.entry.seq,
        hash: result.entry.hash,
        contactIds: await contactsOf(user.id),
      })
    }
    return { device: result.device, created: Boolean(result.entry) }
  }
}
