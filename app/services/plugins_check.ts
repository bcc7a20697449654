import app from '@adonisjs/core/services/app'
import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'

/**
 * The `plugins` entry of `GET /health`: the enabled plugins, their versions
 * and lifecycle state, as the plugin host ran them. A plugin that failed to
 * load would have stopped the boot, so a node that answers has them all;
 * the entry tells operators which ones and whether they reached `ready`.
 */
export class PluginsCheck extends BaseCheck {
  name = 'plugins'

  async run(): Promise<HealthCheckResult> {
    const registry = await app.container.make('plugins.registry')
    const plugins = registry.list()
    const message = plugins.length
      ? `${plugins.length} plugin(s) enabled: ${plugins.map((p) => p.id).join(', ')}`
      : 'No plugin enabled'
    return Result.ok(message).mergeMetaData({ plugins })
  }
}
