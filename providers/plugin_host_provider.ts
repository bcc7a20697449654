import type { ApplicationService } from '@adonisjs/core/types'
import { RuntimeException } from '@adonisjs/core/exceptions'
import type { Infer, SchemaTypes } from '@vinejs/vine/types'
import { PluginRegistry, parsePluginIds, type PluginState } from '#services/plugins'
import {
  assertKnownPlugins,
  assertRequirementsMet,
  enabledManifests,
  validatePluginConfig,
} from '#services/plugin_host'

/**
 * The lifecycle hooks a plugin's provider may implement. They are the
 * AdonisJS provider hooks, forwarded by the plugin host in the same phases.
 */
export interface PluginHooks {
  register?(): void | Promise<void>
  boot?(): void | Promise<void>
  start?(): void | Promise<void>
  ready?(): void | Promise<void>
  shutdown?(): void | Promise<void>
}

/** A plugin's provider class: built with the app and its validated config. */
export type PluginProviderClass<Config> = new (
  app: ApplicationService,
  config: Config
) => PluginHooks

/**
 * A plugin's manifest (`plugins/<id>/plugin.ts`), in the spirit of
 * Mattermost's `plugin.json`: who it is, what it needs, how its settings are
 * validated, and a lazy import of its provider (never loaded when disabled).
 */
export interface PluginManifest<Schema extends SchemaTypes> {
  /** Kebab-case id; also the folder name and the `PARLEY_PLUGINS` entry. */
  id: string
  /** The plugin's own semver version, reported by `/health`. */
  version: string
  /** Ids (or `prefix-*` patterns) that must be enabled or built in. */
  requires: string[]
  /** VineJS schema of the plugin's environment variables (keys are the variable names). */
  configSchema: Schema
  /** Lazily imported provider class. */
  provider: () => Promise<{ default: PluginProviderClass<Infer<Schema>> }>
  /** The plugin's migrations folder, relative to the app root, added when enabled. */
  migrations?: string
}

/** A manifest of any schema, as lists of plugins hold them. */

export type AnyPluginManifest = PluginManifest<any>

/** Declares a plugin; keeps the config type flowing from the schema to the provider. */
export function definePlugin<Schema extends SchemaTypes>(manifest: PluginManifest<Schema>) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(manifest.id)) {
    throw new RuntimeException(`Invalid plugin id "${manifest.id}": use kebab-case`)
  }
  return manifest
}

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

  async ready() {
    await this.#forward('ready', 'ready')
  }

  async shutdown() {
    await this.#forward('shutdown', 'stopped', true)
  }
}
