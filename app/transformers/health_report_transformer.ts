import { BaseTransformer } from '@adonisjs/core/transformers'
import type { HealthCheckReport } from '@adonisjs/core/types/health'

/**
 * The public health report. `/health` needs no token, so it leaves out the
 * process details of the raw report (pid, Node version, platform) and the
 * error objects (stack traces) that failed checks carry in their metadata.
 * `keyring` repeats the keyring check's summary at the top, where operators
 * and `chatctl key verify` compare nodes.
 */
export default class HealthReportTransformer extends BaseTransformer<HealthCheckReport> {
  toObject() {
    return {
      status: this.resource.status,
      healthy: this.resource.isHealthy,
      uptime: Math.round(this.resource.debugInfo.uptime),
      checkedAt: this.resource.finishedAt.toISOString(),
      keyring:
        this.resource.checks.find((check) => check.name === 'keyring')?.meta?.keyring ?? null,
      checks: this.resource.checks.map((check) => {
        const meta = { ...check.meta }
        delete meta.error
        return { name: check.name, status: check.status, message: check.message, meta }
      }),
    }
  }
}
