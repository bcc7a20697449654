import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import nodeDrain from '#services/node_drain'

/**
 * Fails until the node has started (every provider ready: jobs, the real-time
 * layer, the drain's own stop hook) and again once it drains (SIGTERM
 * received): in both, new traffic belongs on another node. The HTTP server
 * answers before the providers are ready, and a node stopped in between has
 * no drain to run (app/services/node_drain.ts, armStopDeadline).
 */
export class DrainCheck extends BaseCheck {
  name = 'drain'

  async run(): Promise<HealthCheckResult> {
    if (!app.isReady) return Result.failed('The node is still starting')
    if (nodeDrain.draining) return Result.failed('The node is draining before it stops')
    return Result.ok('The node takes traffic')
  }
}

/** The migration files of this build, read once: they cannot change while the process runs. */
let files: Promise<string[]> | undefined

function migrationFiles(): Promise<string[]> {
  /*
   * The runner's migration source lists the files of every migration folder
   * (plugins included) exactly as `migration:run` does. Constructing a runner
   * has no side effect; its `getList()` would create the schema table and
   * `close()` would close the application's pools, so neither is used here.
   */
  const runner = new MigrationRunner(db, app, { direction: 'up', dryRun: true })
  const source = (runner as unknown as { migrationSource: { getMigrations(): Promise<any[]> } })
    .migrationSource
  files ??= source.getMigrations().then((list) => list.map((file) => String(file.name)))
  files.catch(() => (files = undefined))
  return files
}

/**
 * Fails while migrations of this build are not applied to the database: the
 * code would run against a schema it does not know. Rolling upgrades run the
 * migration Job first; a node started early stays out of the load balancer
 * until it is done. A missing schema table means nothing was migrated.
 */
export class MigrationsCheck extends BaseCheck {
  name = 'migrations'

  async run(): Promise<HealthCheckResult> {
    try {
      return await this.#compare()
    } catch (error) {
      return Result.failed(`Cannot read the applied migrations: ${(error as Error).message}`)
    }
  }

  async #compare(): Promise<HealthCheckResult> {
    const wanted = await migrationFiles()
    const applied = await db
      .from('adonis_schema')
      .select('name')
      .then((rows: { name: string }[]) => new Set(rows.map((row) => row.name)))
      .catch((error: { code?: string }) => {
        if (error.code === '42P01') return new Set<string>()
        throw error
      })
    const pending = wanted.filter((name) => !applied.has(name))
    if (pending.length) {
      return Result.failed(`${pending.length} migration(s) pending`).mergeMetaData({
        pending: pending.slice(0, 20),
      })
    }
    return Result.ok(`${wanted.length} migration(s) applied`)
  }
}
