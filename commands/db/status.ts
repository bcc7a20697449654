import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { table } from '../output.js'
import type { MigrationRow } from '#services/migrations'

/** Lists migrations and whether they ran. */
export default class DbStatus extends ServerCommand<MigrationRow[]> {
  static summary = 'Show which database migrations ran (server host only).'
  static description = describe(
    'Every migration file of core and enabled plugins, with its status and batch.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  async run() {
    const { flags } = await this.parse(DbStatus)
    this.localOnly(flags, 'db status')
    await this.localDatabaseApp()
    const { default: Migrations } = await import('#services/migrations')
    const rows = await Migrations.status()
    const pending = rows.filter((row) => row.status === 'pending').length
    if (pending) this.note(`${pending} migration(s) pending: run chatctl db migrate`)
    this.log(
      table(rows, [
        ['MIGRATION', (r) => r.name],
        ['STATUS', (r) => r.status],
        ['BATCH', (r) => r.batch],
      ])
    )
    return rows
  }
}
