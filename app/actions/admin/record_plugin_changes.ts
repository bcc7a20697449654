import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { committedTransaction } from '#services/committed_transaction'
import { recordAudit } from '#domain/audit/audit_log'

/** Serializes nodes booting at once, so each change is recorded once. */
const PLUGIN_AUDIT_LOCK = 7_319_401

/**
 * Records plugin enable/disable in the audit log when it takes effect: at
 * boot, against the plugins the log last saw enabled (each plugin's latest
 * `plugin.enabled` / `plugin.disabled` entry). `chatctl plugin enable` and
 * `disable` only edit PARLEY_PLUGINS, maybe with no database at hand, and
 * the change means nothing until a restart; the boot that applies it is
 * what the log can vouch for. Every node runs the same list (DESIGN §8), so
 * later nodes find nothing new. Returns what it recorded.
 */
export default class RecordPluginChanges {
  static async handle(enabled: string[], options: { trx?: TransactionClientContract } = {}) {
    if (options.trx) return this.#record(enabled, options.trx)
    return committedTransaction((trx) => this.#record(enabled, trx))
  }

  /**
   * Reads and writes under a transaction-scoped advisory lock: a node booting
   * while another records the same change waits for its commit, then finds
   * nothing new.
   */
  static async #record(enabled: string[], trx: TransactionClientContract) {
    await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [PLUGIN_AUDIT_LOCK])
    const latest = await trx.rawQuery(
      `SELECT DISTINCT ON (target_id) target_id, action FROM audit_events
       WHERE action IN ('plugin.enabled', 'plugin.disabled')
       ORDER BY target_id, id DESC`
    )
    const before = new Set<string>(
      latest.rows
        .filter((row: { action: string }) => row.action === 'plugin.enabled')
        .map((row: { target_id: string }) => row.target_id)
    )
    const now = new Set(enabled)
    const changes = [
      ...[...now].filter((id) => !before.has(id)).map((id) => ['plugin.enabled', id] as const),
      ...[...before].filter((id) => !now.has(id)).map((id) => ['plugin.disabled', id] as const),
    ]
    for (const [action, id] of changes) {
      await recordAudit({ action, actorUserId: null, targetType: 'plugin', targetId: id }, trx)
    }
    return changes.map(([action, id]) => ({ action, id }))
  }

  /** At boot: never fails the boot over the audit log (it says so in the logs). */
  static async atBoot(enabled: string[]) {
    try {
      const changes = await this.handle(enabled)
      if (changes.length) logger.info({ changes }, 'plugin changes recorded in the audit log')
      else logger.debug({ enabled }, 'no plugin changes to record in the audit log')
    } catch (error) {
      logger.error({ err: error }, 'plugin changes could not be recorded in the audit log')
    }
  }
}
