import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { table } from '../output.js'
import type { ConfigSetting } from '#services/config_report'

/** Shows the effective settings. */
export default class ConfigShow extends ServerCommand<ConfigSetting[]> {
  static summary = 'Show the effective settings, secrets masked.'
  static description = describe(
    "Every variable Parley reads (start/env_schema.ts) and those of the enabled plugins, as the server reads them: the running server's own settings (through its admin socket, or remotely), else those of the env files and environment on this host, read without booting. Secrets (keys, passwords, tokens, a password in a URL) show as ********; unset variables as -."
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --url https://chat.acme.example --json',
  ]

  async run() {
    const { flags } = await this.parse(ConfigShow)
    const settings = await this.call<ConfigSetting[]>(
      flags,
      'config:show',
      {},
      {
        withoutBoot: async () => {
          const { loadEnvValues } = await import('./env_files.js')
          const { effectiveSettings } = await import('#services/config_report')
          const { values } = await loadEnvValues()
          return effectiveSettings(values)
        },
      }
    )
    this.log(
      table(settings, [
        ['VARIABLE', (s) => s.name],
        ['VALUE', (s) => s.value],
        ['PLUGIN', (s) => s.plugin],
      ])
    )
    return settings
  }
}
