import { Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe, EXIT_CODES } from '../errors.js'
import { table } from '../output.js'
import type { ConfigProblem } from '#services/config_report'

/** What `config check` returns. */
export interface ConfigCheckResult {
  files: string[]
  valid: boolean
  problems: ConfigProblem[]
}

/** Validates the env files without booting. */
export default class ConfigCheck extends ServerCommand<ConfigCheckResult> {
  static summary = 'Check the env file without booting (server host only).'
  static description = describe(
    "Validates the settings the server would read at its next start (the env files of the app, or --env-path, with the process environment winning) against every rule the boot applies: each variable of start/env_schema.ts, PARLEY_PLUGINS naming known plugins whose requirements are enabled, and each enabled plugin's settings. Lists every problem at once and exits 8 when there is one, so it can run before a restart."
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --env-path /etc/parley/env --json',
  ]
  static flags = {
    'env-path': Flags.string({ summary: 'Env file to check (default: the env files of the app).' }),
  }

  async run() {
    const { flags } = await this.parse(ConfigCheck)
    this.localOnly(flags, 'config check')
    const { loadEnvValues } = await import('./env_files.js')
    const { configProblems } = await import('#services/config_report')
    const { files, values } = await loadEnvValues(flags['env-path'])
    const problems = await configProblems(values)
    if (problems.length) {
      process.exitCode = EXIT_CODES.configProblems
      this.log(
        table(problems, [
          ['VARIABLE', (p) => p.variable],
          ['PROBLEM', (p) => p.message],
        ])
      )
    } else {
      this.log(`No problems found (${files.join(', ') || 'no env file; environment only'}).`)
    }
    return { files, valid: problems.length === 0, problems }
  }
}
