import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'

/** One migration file and whether it ran. */
export interface MigrationRow {
  name: string
  status: 'pending' | 'migrated' | 'corrupt' | 'squashed'
  batch: number | null
}

/**
 * Database migrations for chatctl `db migrate|status`: the same runner as
 * `node ace migration:run`, on the default connection, plugin migration
 * folders included (config/database.ts lists them).
 */
export default class Migrations {
  /** Every migration file and whether it ran. */
  static async status(): Promise<MigrationRow[]> {
    const runner = new MigrationRunner(db, app, { direction: 'up', dryRun: true })
    const list = await runner.getList()
    await runner.close()
    return list.map((row) => ({ name: row.name, status: row.status, batch: row.batch ?? null }))
  }

  /** Runs pending migrations; fails with the first error, naming the file. */
  static async run() {
    const runner = new MigrationRunner(db, app, { direction: 'up', dryRun: false })
    await runner.run()
    await runner.close()
    if (runner.error) throw runner.error
    const ran = Object.values(runner.migratedFiles).map((file) => file.file.name)
    return { migrated: ran, status: runner.status }
  }
}
