import KeyRotation, { type RotationOptions } from '#services/key_rotation'
import { recordAudit } from '#domain/audit/audit_log'

/**
 * Rotates the master key (chatctl `key rotate`): rewraps every room key
 * under the current master version and, with `reencrypt`, replaces the room
 * keys and re-encrypts content. Each run, finished or aborted, is one entry
 * in the audit log with its counts (the rotation commits in many batches,
 * so the entry follows the run instead of sharing a transaction).
 */
export default class RotateKeys {
  static async handle(options: RotationOptions & { reencrypt?: boolean }) {
    const rewrap = await KeyRotation.rewrap(options)
    const reencryption =
      options.reencrypt && !rewrap.aborted ? await KeyRotation.reencrypt(options) : null
    const aborted = rewrap.aborted || Boolean(reencryption?.aborted)
    await recordAudit({
      action: 'key.rotated',
      targetType: 'keyring',
      targetId: String(rewrap.currentVersion),
      details: {
        rewrapped: rewrap.rewrapped,
        reencrypted: reencryption?.done ?? null,
        aborted,
      },
    })
    return { rewrap, reencryption, aborted }
  }
}
