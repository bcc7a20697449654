import type { ApplicationService } from '@adonisjs/core/types'
import { RuntimeException } from '@adonisjs/core/exceptions'
import type { Infer, SchemaTypes } from '@vinejs/vine/types'

/*
 * The plugin SDK: how a plugin declares itself (its manifest) and the
 * lifecycle hooks its provider implements. The plugin host
 * (`providers/plugin_host_provider.ts`) reads manifests and forwards the
 * hooks; plugins import this through `#extensions/plugin`.
 */

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
