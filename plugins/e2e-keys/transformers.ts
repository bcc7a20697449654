import { BaseTransformer } from '@adonisjs/core/transformers'
import type E2eDevice from './models/e2e_device.js'
import type RoomKeyVersion from './models/room_key_version.js'
import { servedKeyLogEntry } from './actions/key_log.js'
import type { EnvelopeView, KeyLogView } from './actions/key_directory.js'

/** A device's public keys and fingerprints, as anyone allowed to see its user gets them. */
export class DeviceKeyTransformer extends BaseTransformer<E2eDevice> {
  toObject() {
    const device = this.resource
    return {
      deviceId: device.id,
      userId: device.userId,
      encryptionKey: {
        algorithm: device.encryptionAlgorithm,
        publicKey: device.encryptionKey,
        fingerprint: device.encryptionFingerprint,
      },
      signingKey: {
        algorithm: device.signingAlgorithm,
        publicKey: device.signingKey,
        fingerprint: device.signingFingerprint,
      },
      createdAt: device.createdAt.toISO(),
    }
  }
}

/**
 * A key log entry with every hashed field exactly as hashed (`createdAt` in
 * the UTC millisecond form), so clients recompute the chain themselves.
 */
export class KeyLogEntryTransformer extends BaseTransformer<KeyLogView> {
  toObject() {
    const { entry, device } = this.resource
    return servedKeyLogEntry(entry, device)
  }
}

/** One envelope for its recipient, with the signer's key to verify it by. */
export class EnvelopeTransformer extends BaseTransformer<EnvelopeView> {
  toObject() {
    const { envelope, sender } = this.resource
    return {
      roomId: envelope.roomId,
      version: envelope.version,
      userId: envelope.userId,
      deviceId: envelope.deviceId,
      senderUserId: envelope.senderUserId,
      senderDeviceId: envelope.senderDeviceId,
      senderSigningKey: sender
        ? { algorithm: sender.signingAlgorithm, publicKey: sender.signingKey }
        : null,
      wrappedKey: envelope.wrappedKey,
      signature: envelope.signature,
      createdAt: envelope.createdAt.toISO(),
    }
  }
}

/** A stored key version. */
export class RoomKeyVersionTransformer extends BaseTransformer<RoomKeyVersion> {
  toObject() {
    const version = this.resource
    return {
      roomId: version.roomId,
      version: version.version,
      createdById: version.createdById,
      createdByDeviceId: version.createdByDeviceId,
      stale: Boolean(version.staleAt),
      createdAt: version.createdAt.toISO(),
    }
  }
}

/** What the next version must cover: one member device and its encryption key. */
export class RecipientTransformer extends BaseTransformer<E2eDevice> {
  toObject() {
    const device = this.resource
    return {
      userId: device.userId,
      deviceId: device.id,
      encryptionKey: { algorithm: device.encryptionAlgorithm, publicKey: device.encryptionKey },
      encryptionFingerprint: device.encryptionFingerprint,
    }
  }
}
