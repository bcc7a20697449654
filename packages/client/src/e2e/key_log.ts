import { E2eVerificationError, fingerprint, sha256Hex, utf8 } from './encoding.js'
import {
  registrationPayload,
  verifySignature,
  type EncryptionAlgorithm,
  type PublicKeyRef,
  type SigningAlgorithm,
} from './device_keys.js'

/** `prevHash` of a user's first key log entry. */
export const GENESIS_HASH = '0'.repeat(64)

/** One entry of a user's key log, as `GET /users/:id/key-log` returns it. */
export interface KeyLogEntry {
  seq: number
  action: 'register' | 'revoke'
  deviceId: string
  encryptionAlgorithm: EncryptionAlgorithm
  encryptionFingerprint: string
  signingAlgorithm: SigningAlgorithm
  signingFingerprint: string
  /** The device's self-signature of its registration (register entries), else null. */
  signature: string | null
  createdAt: string
  prevHash: string
  hash: string
  /** The registered keys (register entries), checked against the fingerprints. */
  encryptionKey?: string | null
  signingKey?: string | null
}

/** An active device according to a verified key log. */
export interface LoggedDevice {
  deviceId: string
  encryptionFingerprint: string
  signingFingerprint: string
}

/**
 * The hash of an entry: sha256 over a canonical JSON array of every field
 * but the hash itself, the previous hash included. The server computes it
 * with this very function, so there is one definition of the chain.
 */
export function keyLogEntryHash(userId: string, entry: Omit<KeyLogEntry, 'hash'>) {
  const canonical = JSON.stringify([
    'parley-key-log:v1',
    userId,
    entry.seq,
    entry.action,
    entry.deviceId,
    entry.encryptionAlgorithm,
    entry.encryptionFingerprint,
    entry.signingAlgorithm,
    entry.signingFingerprint,
    entry.signature,
    entry.createdAt,
    entry.prevHash,
  ])
  return sha256Hex(utf8(canonical))
}

function broken(message: string): never {
  throw new E2eVerificationError('E_KEY_LOG_BROKEN', message)
}

async function checkRegistration(userId: string, entry: KeyLogEntry) {
  if (!entry.encryptionKey || !entry.signingKey || !entry.signature) {
    broken(`entry ${entry.seq} registers a device without its keys and signature`)
  }
  if (
    (await fingerprint(entry.encryptionKey)) !== entry.encryptionFingerprint ||
    (await fingerprint(entry.signingKey)) !== entry.signingFingerprint
  ) {
    broken(`entry ${entry.seq} carries keys that do not match its fingerprints`)
  }
  const signingKey: PublicKeyRef<SigningAlgorithm> = {
    algorithm: entry.signingAlgorithm,
    publicKey: entry.signingKey,
  }
  const payload = registrationPayload({ userId, ...entry })
  if (!(await verifySignature(signingKey, payload, entry.signature))) {
    broken(`entry ${entry.seq} is not signed by the device it registers`)
  }
}

/**
 * Verifies a user's whole key log: seqs from 1 without gaps, each entry's
 * hash recomputed and linked to the previous one, registrations self-signed
 * by their device, revocations of registered devices only. `pinned` is a
 * head seen earlier (kept by the client): a log that no longer contains it
 * was rewritten (E_KEY_LOG_FORKED), even if it is consistent in itself.
 * Returns the head to pin next time and the active devices.
 */
export async function verifyKeyLog(
  userId: string,
  entries: KeyLogEntry[],
  options: { pinned?: { seq: number; hash: string } } = {}
) {
  const active = new Map<string, LoggedDevice>()
  const seen = new Set<string>()
  let prevHash = GENESIS_HASH
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1) broken(`entry ${index + 1} is missing`)
    if (entry.prevHash !== prevHash) broken(`entry ${entry.seq} does not follow the previous one`)
    if ((await keyLogEntryHash(userId, entry)) !== entry.hash) {
      broken(`entry ${entry.seq} was altered (hash mismatch)`)
    }
    if (entry.action === 'register') {
      if (seen.has(entry.deviceId)) broken(`entry ${entry.seq} registers a known device again`)
      await checkRegistration(userId, entry)
      seen.add(entry.deviceId)
      active.set(entry.deviceId, entry)
    } else {
      const device = active.get(entry.deviceId)
      if (!device || device.encryptionFingerprint !== entry.encryptionFingerprint) {
        broken(`entry ${entry.seq} revokes a device that is not active`)
      }
      active.delete(entry.deviceId)
    }
    prevHash = entry.hash
  }
  const pinned = options.pinned
  if (pinned && entries[pinned.seq - 1]?.hash !== pinned.hash) {
    throw new E2eVerificationError(
      'E_KEY_LOG_FORKED',
      `the log no longer contains entry ${pinned.seq} as seen before`
    )
  }
  const head = entries.length ? { seq: entries.length, hash: prevHash } : null
  return { head, devices: [...active.values()] }
}

/**
 * Checks the keys a server serves (`GET /users/:id/public-key`) against a
 * verified key log: exactly its active devices, with the same fingerprints.
 */
export async function assertKeysMatchLog(
  served: {
    deviceId: string
    encryptionKey: { publicKey: string }
    signingKey: { publicKey: string }
  }[],
  logged: LoggedDevice[]
) {
  const expected = new Map(logged.map((device) => [device.deviceId, device]))
  if (served.length !== expected.size) {
    throw new E2eVerificationError('E_KEY_MISMATCH', 'served devices differ from the key log')
  }
  for (const device of served) {
    const entry = expected.get(device.deviceId)
    if (
      !entry ||
      (await fingerprint(device.encryptionKey.publicKey)) !== entry.encryptionFingerprint ||
      (await fingerprint(device.signingKey.publicKey)) !== entry.signingFingerprint
    ) {
      throw new E2eVerificationError(
        'E_KEY_MISMATCH',
        `device ${device.deviceId} is not the logged key`
      )
    }
  }
}
