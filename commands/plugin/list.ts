import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { table } from '../output.js'

/** One enabled plugin. */
export interface PluginRow {
  id: string
  version: string
  state: string
  enabled: boolean
  configured: boolean
  healthy: boolean
}

/** Lists the enabled plugins. */
export default class PluginList extends ServerCommand<PluginRow[]> {
  static summary = 'List the enabled plugins.'
  static description = describe(
    'Plugins enabled by PARLEY_PLUGINS. A misconfigured plugin stops the boot, so every plugin listed is configured; healthy means it reached its boot hooks (locally) or ready (on a running server, remote mode).'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  async run() {
    const { flags } = await this.parse(PluginList)
    const rows = await this.call<PluginRow[]>(flags, 'plugin:list', {})
    this.log(
      table(rows, [
        ['ID', (r) => r.id],
        ['VERSION', (r) => r.version],
        ['STATE', (r) => r.state],
        ['HEALTHY', (r) => (r.healthy ? 'yes' : 'no')],
      ])
    )
    return rows
  }
}
