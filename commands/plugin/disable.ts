import { Args, Flags } from '@oclif/core'
import { describe } from '../errors.js'
import PluginEnable from './enable.js'

/** Disables a plugin in the env file. */
export default class PluginDisable extends PluginEnable {
  static summary =
    'Disable a plugin: remove it from PARLEY_PLUGINS in the env file (server host only).'
  static description = describe(
    'Removes the id from PARLEY_PLUGINS in the env file (.env of the app, or --env-path), once the server would boot without it: no other enabled plugin requires it (otherwise nothing is written, E_PLUGIN_CONFIG). Its data stays in the database. Nothing changes until the server restarts; every node needs the same PARLEY_PLUGINS.'
  )
  static examples = [
    '<%= config.bin %> <%= command.id %> link-previews',
    '<%= config.bin %> <%= command.id %> e2e-keys --env-path /etc/parley/env --json',
  ]
  static args = {
    id: Args.string({ description: 'Plugin id (chatctl plugin list).', required: true }),
  }
  static flags = {
    'env-path': Flags.string({ summary: 'Env file to edit (default: .env of the app).' }),
  }

  async run() {
    const { args, flags } = await this.parse(PluginDisable)
    this.localOnly(flags, 'plugin disable')
    const { togglePlugin } = await import('./env_plugins.js')
    return this.report(await togglePlugin(args.id, false, flags['env-path']))
  }
}
