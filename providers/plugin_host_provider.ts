import type { ApplicationService } from '@adonisjs/core/types'
import { PluginRegistry, parsePluginIds, type PluginState } from '#services/plugins'
import {
  assertKnownPlugins,
  assertRequirementsMet,
  enabledManifests,
  pluginsReady,
  validatePluginConfig,
} from '#services/plugin_host'
import type { AnyPluginManifest, PluginHooks } from '#extensions/plugin'

/** The resolved `config/plugins.ts`. */
export interface PluginsConfig {
  /** Every plugin this build knows about. */
  known: AnyPluginManifest[]
  /** Ids of the enabled ones, in order. */
  enabled: string[]
  /** Migration folders of the enabled plugins (for `config/database.ts`). */
  migrationPaths: string[]
}

/**
 * Builds `config/plugins.ts` from the known manifests and `PARLEY_PLUGINS`.
 * An unknown id fails here, when the config is loaded, naming the id.
 */
export function definePluginsConfig(config: {
  known: AnyPluginManifest[]
  enabled: string | undefined
}): PluginsConfig {
  const enabled = parsePluginIds(config.enabled)
  assertKnownPlugins(enabled, config.known)
  const migrationPaths = enabled
    .map((id) => config.known.find((manifest) => manifest.id === id)!.migrations)
    .filter((path): path is string => Boolean(path))
  return { known: config.known, enabled, migrationPaths }
}

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'plugins.registry': PluginRegistry
  }
}

/**
 * Runs the enabled plugins inside the application lifecycle. `register()`
 * starts loading them (providers' `register` is not awaited by AdonisJS);
 * `boot()` waits for that, then runs each plugin's register and boot, so a
 * plugin can still extend bindings (e.g. Drive's config) that providers
 * listed after the host resolve in their own `boot()`. A config error, an
 * unmet requirement or an unknown id rejects the boot with its message.
 */
export default class PluginHostProvider {
  #registry = new PluginRegistry()
  #plugins: { id: string; hooks: PluginHooks }[] = []
  #loading?: Promise<void>

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('plugins.registry', () => this.#registry)
    this.#loading = this.#load()
    this.#loading.catch(() => {})
  }

  async #load() {
    const config = this.app.config.get<PluginsConfig | undefined>('plugins')
    if (!config) return
    const manifests = enabledManifests(config)
    assertRequirementsMet(manifests)
    for (const manifest of manifests) {
      const settings = await validatePluginConfig(manifest)
      const { default: Provider } = await manifest.provider()
      this.#plugins.push({ id: manifest.id, hooks: new Provider(this.app, settings) })
      this.#registry.add(manifest.id, manifest.version)
    }
  }

  async #forward(hook: keyof PluginHooks, state: PluginState, reverse = false) {
    const plugins = reverse ? [...this.#plugins].reverse() : this.#plugins
    for (const plugin of plugins) {
      await plugin.hooks[hook]?.()
      this.#registry.mark(plugin.id, state)
    }
  }

  async boot() {
    await this.#loading
    await this.#forward('register', 'registered')
    await this.#forward('boot', 'booted')
  }

  async start() {
    await this.#forward('start', 'started')
  }

  /**
   * Forwards `ready`, then the host's own ready step (`pluginsReady`: on a
   * server, the audit of plugins enabled or disabled since the last boot).
   */
  async ready() {
    await this.#forward('ready', 'ready')
    await pluginsReady(
      this.app.getEnvironment(),
      this.#plugins.map((plugin) => plugin.id)
    )
  }

  async shutdown() {
    await this.#forward('shutdown', 'stopped', true)
  }
}
