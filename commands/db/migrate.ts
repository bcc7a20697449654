import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'

/** What `db migrate` returns. */
export interface DbMigrateResult {
  migrated: string[]
  status: string
}

/** Runs pending migrations. */
export default class DbMigrate extends ServerCommand<DbMigrateResult> {
  static summary = 'Run pending database migrations (server host only).'
  static description = describe(
    'The same migrations `npm start` runs; safe to run twice (nothing pending: status skipped).'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  async run() {
    const { flags } = await this.parse(DbMigrate)
    this.localOnly(flags, 'db migrate')
    await this.localDatabaseApp()
    const { default: Migrations } = await import('#services/migrations')
    const result = await Migrations.run()
    this.log(
      result.migrated.length ? `Migrated:\n${result.migrated.join('\n')}` : 'Nothing to migrate.'
    )
    return result
  }
}
