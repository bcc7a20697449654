import db from '@adonisjs/lucid/services/db'
import type { KeyLogAuditResult, KeyLogAuditor, KeyProblem } from '#extensions/e2e_rooms'
import KeyLogEntry from '../models/key_log_entry.js'
import E2eDevice from '../models/e2e_device.js'
import {
  verifyKeyLog,
  type KeyLogEntry as LoggedEntry,
} from '../../../packages/client/src/e2e/key_log.js'
import { E2eVerificationError } from '../../../packages/client/src/e2e/encoding.js'
import { servedKeyLogEntry } from './key_log.js'

/** Users whose logs are loaded per round of queries. */
const USERS_PER_BATCH = 100
const NO_ID = '00000000-0000-0000-0000-000000000000'

/**
 * `chatctl key verify`'s check of every user's key log, with the very
 * verifier clients run (`verifyKeyLog`): seqs without gaps, each hash
 * recomputed and chained to the previous one, registrations self-signed by
 * their device, revocations of active devices only; then the devices served
 * as active must be the log's (E_KEY_MISMATCH). A row altered or deleted in
 * the database (the append-only trigger bypassed) shows up.
 */
export class KeyLogAudit implements KeyLogAuditor {
  readonly id = 'e2e-keys'

  async audit(): Promise<KeyLogAuditResult> {
    const result: KeyLogAuditResult = { users: 0, entries: 0, problems: [] }
    let after = NO_ID
    for (;;) {
      const { rows } = await db.rawQuery(
        `SELECT user_id FROM (SELECT user_id FROM e2e_key_log UNION SELECT user_id FROM e2e_devices) u
         WHERE user_id > ? ORDER BY user_id LIMIT ?`,
        [after, USERS_PER_BATCH]
      )
      const users: string[] = rows.map((row: { user_id: string }) => row.user_id)
      if (!users.length) break
      const entries = await KeyLogEntry.query().whereIn('user_id', users).orderBy('seq', 'asc')
      const devices = await E2eDevice.query().whereIn('user_id', users)
      const byDevice = new Map(devices.map((device) => [device.id, device]))
      for (const userId of users) {
        const log = entries.filter((entry) => entry.userId === userId)
        result.users++
        result.entries += log.length
        const problem = await this.verify(userId, log, byDevice)
        if (problem) result.problems.push(problem)
      }
      after = users.at(-1)!
    }
    return result
  }

  private async verify(
    userId: string,
    log: KeyLogEntry[],
    devices: Map<string, E2eDevice>
  ): Promise<KeyProblem | null> {
    const entries: LoggedEntry[] = log.map((entry) => {
      const device = entry.action === 'register' ? devices.get(entry.deviceId) : undefined
      return servedKeyLogEntry(entry, device?.userId === userId ? device : null)
    })
    try {
      const { devices: logged } = await verifyKeyLog(userId, entries)
      return this.matchServed(userId, logged, devices)
    } catch (error) {
      if (!(error instanceof E2eVerificationError)) throw error
      return { code: error.code, subject: `user ${userId}`, message: `key log: ${error.message}` }
    }
  }

  /**
   * The devices served as active (`GET /users/:id/public-key`) must be
   * exactly the log's active devices with the same fingerprints; a device
   * row with no log entry (or a log whose entries were deleted) is a key
   * clients could be handed without a trace in the log.
   */
  private matchServed(
    userId: string,
    logged: { deviceId: string; encryptionFingerprint: string; signingFingerprint: string }[],
    devices: Map<string, E2eDevice>
  ): KeyProblem | null {
    const served = [...devices.values()].filter((d) => d.userId === userId && !d.revokedAt)
    const expected = new Map(logged.map((device) => [device.deviceId, device]))
    const strays = served.filter((device) => {
      const entry = expected.get(device.id)
      return (
        !entry ||
        entry.encryptionFingerprint !== device.encryptionFingerprint ||
        entry.signingFingerprint !== device.signingFingerprint
      )
    })
    if (!strays.length && served.length === expected.size) return null
    const names = strays.map((device) => device.id).join(', ')
    return {
      code: 'E_KEY_MISMATCH',
      subject: `user ${userId}`,
      message: `active devices differ from the key log${names ? ` (not logged: ${names})` : ''}`,
    }
  }
}
