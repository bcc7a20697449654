import { Args, Flags } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { details } from '../output.js'
import type { PluginToggleResult } from './env_plugins.js'

/** Enables a plugin in the env file. */
export default class PluginEnable extends ServerCommand<PluginToggleResult> {
  static summary = 'Enable a plugin: add it to PARLEY_PLUGINS in the env file (server host only).'
  static description = describe(
    'Adds the id to PARLEY_PLUGINS in the env file (.env of the app, or --env-path), as key rotate --generate edits ENCRYPTION_KEYS, once the server would boot with it: the plugin is known, what it requires is enabled and its settings (its variables, in the env file or the environment) validate; otherwise nothing is written (E_PLUGIN_CONFIG). Set those variables first. Nothing changes until the server restarts; every node needs the same PARLEY_PLUGINS.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> link-previews',
    '<%= config.bin %> <%= command.id %> media-s3 --env-path /etc/parley/env --json',
  ]
  static args = {
    id: Args.string({ description: 'Plugin id (chatctl plugin list).', required: true }),
  }
  static flags = {
    'env-path': Flags.string({ summary: 'Env file to edit (default: .env of the app).' }),
  }

  async run() {
    const { args, flags } = await this.parse(PluginEnable)
    this.localOnly(flags, 'plugin enable')
    const { togglePlugin } = await import('./env_plugins.js')
    return this.report(await togglePlugin(args.id, true, flags['env-path']))
  }

  /** Warnings and the human summary of a toggle (shared with plugin disable). */
  protected report(result: PluginToggleResult) {
    if (result.overriddenByEnvironment) {
      this.note(
        'PARLEY_PLUGINS is also set in the process environment, which wins over the file: update it there too.'
      )
    }
    if (result.changed) this.note('Restart the server (every node) to apply the change.')
    const verb = result.enabled ? 'enabled' : 'disabled'
    this.log(
      details({
        plugin: `${result.id} ${verb}${result.changed ? '' : ' already (nothing written)'}`,
        PARLEY_PLUGINS: result.plugins.join(',') || '(none)',
        envFile: result.envFile,
      })
    )
    return result
  }
}
