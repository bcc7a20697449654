import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import { keyring, missingVersionsMet, wrapVersion } from '#services/keyring'
import { missingKeyVersions, nodeHeartbeat } from '#services/cluster_nodes'

/**
 * The `keyring` entry of `GET /health`: the master key versions this node
 * holds and the keyring fingerprint (never key material), and whether room
 * keys use a version it lacks, and the version it wraps new room keys under
 * (the newest one every live node holds). Such a node is degraded, not down: it still
 * serves every room whose key it can open, so the check warns (200) and
 * names the missing versions and the restart that fixes it.
 */
export class KeyringCheck extends BaseCheck {
  name = 'keyring'

  async run(): Promise<HealthCheckResult> {
    const ring = keyring()
    const missing = await missingKeyVersions().catch(() => missingVersionsMet())
    const meta = {
      keyring: {
        ...ring.status(),
        wrapVersion: wrapVersion(),
        missingVersions: missing,
        degraded: missing.length > 0,
        nodeId: nodeHeartbeat.running ? nodeHeartbeat.id : null,
      },
    }
    const held = ring.versions.map((v) => `v${v}`).join(', ')
    if (!missing.length) {
      return Result.ok(`Holds master keys ${held} (current v${ring.currentVersion})`).mergeMetaData(
        meta
      )
    }
    const names = missing.map((v) => `v${v}`).join(', ')
    return Result.warning(
      `Degraded: room keys use master key ${names}, which this node does not hold (it holds ${held}). ` +
        'Restart this node with the current ENCRYPTION_KEYS (E_KEYRING_STALE until then).'
    ).mergeMetaData(meta)
  }
}
