/**
 * Splits a `PARLEY_PLUGINS` value (`push-fcm, media-s3`) into ids, without
 * blanks or duplicates; `definePluginsConfig` (providers/plugin_host_provider.ts)
 * reads the variable through it.
 */
export function parsePluginIds(raw: string | undefined): string[] {
  const ids = (raw ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
  return [...new Set(ids)]
}

/** Where a plugin is in the application lifecycle, as `GET /health` shows it. */
export type PluginState = 'loaded' | 'registered' | 'booted' | 'started' | 'ready' | 'stopped'

/** One enabled plugin as operators see it. */
export interface PluginStatus {
  id: string
  version: string
  state: PluginState
}

/**
 * The enabled plugins and their lifecycle state. The plugin host fills it in
 * (container binding `plugins.registry`); `GET /health` and `chatctl plugin
 * list` read it, so what is reported is what actually ran.
 */
export class PluginRegistry {
  #plugins = new Map<string, PluginStatus>()

  /** Records a plugin whose config passed and whose provider was imported. */
  add(id: string, version: string) {
    this.#plugins.set(id, { id, version, state: 'loaded' })
  }

  /** Moves a plugin to the lifecycle phase it just completed. */
  mark(id: string, state: PluginState) {
    const entry = this.#plugins.get(id)
    if (entry) entry.state = state
  }

  /** Snapshot of every enabled plugin, in the order they were enabled. */
  list(): PluginStatus[] {
    return [...this.#plugins.values()].map((entry) => ({ ...entry }))
  }
}
