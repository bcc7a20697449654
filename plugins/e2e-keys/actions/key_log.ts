import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import { roomContactIds } from '#extensions/rooms'
import { DateTime as LuxonDateTime } from 'luxon'
import KeyLogEntry from '../models/key_log_entry.js'
import type E2eDevice from '../models/e2e_device.js'
import {
  GENESIS_HASH,
  keyLogEntryHash,
  type KeyLogEntry as ServedKeyLogEntry,
} from '../../../packages/client/src/e2e/key_log.js'

/** The ISO form of a timestamp that is hashed: UTC, milliseconds, `Z`. */
export function isoOf(value: DateTime) {
  return new Date(value.toMillis()).toISOString()
}

/** Serializes key log appends of one user (and device changes) for the transaction. */
export async function lockUserKeys(trx: TransactionClientContract, userId: string) {
  await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `e2e-keys:user:${userId}`,
  ])
}

/**
 * Appends a registration or revocation of `device` to its user's key log,
 * chained to the previous entry by hash, inside the caller's transaction
 * (which holds `lockUserKeys`). The hash is computed by the client's own
 * `keyLogEntryHash`, so server and clients share one definition.
 */
export async function appendKeyLog(
  trx: TransactionClientContract,
  device: E2eDevice,
  action: 'register' | 'revoke'
) {
  const last = await KeyLogEntry.query({ client: trx })
    .where('user_id', device.userId)
    .orderBy('seq', 'desc')
    .first()
  const createdAt = LuxonDateTime.fromMillis(Date.now()).toUTC()
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    action,
    deviceId: device.id,
    encryptionAlgorithm: device.encryptionAlgorithm,
    encryptionFingerprint: device.encryptionFingerprint,
    signingAlgorithm: device.signingAlgorithm,
    signingFingerprint: device.signingFingerprint,
    signature: action === 'register' ? device.signature : null,
    prevHash: last?.hash ?? GENESIS_HASH,
  }
  const hash = await keyLogEntryHash(device.userId, { ...fields, createdAt: isoOf(createdAt) })
  return KeyLogEntry.create({ ...fields, userId: device.userId, createdAt, hash }, { client: trx })
}

/** Users who share at least one room with `userId`, `userId` included. */
export async function contactsOf(userId: string): Promise<string[]> {
  return [...new Set([userId, ...(await roomContactIds(userId))])]
}

/**
 * A key log entry as clients get it and verify it: every hashed field as
 * hashed (`createdAt` in the UTC millisecond form), plus the registered keys
 * of its device. The API serves this shape and `key verify` checks it.
 */
export function servedKeyLogEntry(
  entry: KeyLogEntry,
  device: E2eDevice | null | undefined
): ServedKeyLogEntry {
  return {
    seq: entry.seq,
    action: entry.action,
    deviceId: entry.deviceId,
    encryptionAlgorithm: entry.encryptionAlgorithm,
    encryptionFingerprint: entry.encryptionFingerprint,
    signingAlgorithm: entry.signingAlgorithm,
    signingFingerprint: entry.signingFingerprint,
    signature: entry.signature,
    createdAt: isoOf(entry.createdAt),
    prevHash: entry.prevHash,
    hash: entry.hash,
    encryptionKey: device?.encryptionKey ?? null,
    signingKey: device?.signingKey ?? null,
  }
}
