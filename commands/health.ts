import { ServerCommand } from './server_command.js'
import { ChatctlError, describe, EXIT_CODES } from './errors.js'
import { table } from './output.js'

/** The health report of GET /health. */
export interface HealthResult {
  status: string
  healthy: boolean
  uptime: number
  checkedAt: string
  checks: { name: string; status: string; message: string; meta: object }[]
}

/** Checks the server's health. */
export default class Health extends ServerCommand<HealthResult> {
  static summary = "Check the server's health: database, Redis, disk, memory, plugins."
  static description = describe(
    'Exits 1 with E_UNHEALTHY when a required check fails (the report is in the message).'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --url https://chat.acme.test --json',
  ]

  async run() {
    const { flags } = await this.parse(Health)
    const report = await this.call<HealthResult>(flags, 'health', {})
    this.log(
      table(report.checks, [
        ['CHECK', (c) => c.name],
        ['STATUS', (c) => c.status],
        ['MESSAGE', (c) => c.message],
      ])
    )
    if (!report.healthy) {
      const failed = report.checks
        .filter((check) => check.status === 'error')
        .map((check) => check.name)
      throw new ChatctlError(`Unhealthy: ${failed.join(', ')}`, 'E_UNHEALTHY', EXIT_CODES.failed)
    }
    return report
  }
}
