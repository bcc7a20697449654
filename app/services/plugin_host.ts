import vine, { errors } from '@vinejs/vine'
import { RuntimeException } from '@adonisjs/core/exceptions'
import type { PluginsConfig } from '#providers/plugin_host_provider'
import type { AnyPluginManifest } from '#extensions/plugin'

/**
 * What core itself provides to `requires`: the local media disk (`media-fs`)
 * is built in, so a plugin requiring `media-*` is satisfied without a
 * storage plugin.
 */
export const CORE_CAPABILITIES = ['media-fs']

/** Values a plugin's config schema is validated against: the process environment. */
export type EnvSource = Record<string, string | undefined>

/**
 * Checks the enabled ids against the known plugins, so a typo in
 * `PARLEY_PLUGINS` stops the boot instead of silently disabling a feature.
 */
export function assertKnownPlugins(enabled: string[], known: AnyPluginManifest[]) {
  const ids = new Set(known.map((manifest) => manifest.id))
  for (const id of enabled) {
    if (!ids.has(id)) {
      throw new RuntimeException(
        `Unknown plugin "${id}" in PARLEY_PLUGINS. Known plugins: ${[...ids].join(', ') || 'none'}`,
        { code: 'E_UNKNOWN_PLUGIN' }
      )
    }
  }
}

/** The manifests of the enabled plugins, in the order `PARLEY_PLUGINS` lists them. */
export function enabledManifests(config: PluginsConfig): AnyPluginManifest[] {
  assertKnownPlugins(config.enabled, config.known)
  return config.enabled.map((id) => config.known.find((manifest) => manifest.id === id)!)
}

/** Whether an id satisfies a `requires` entry (`media-s3` or a prefix pattern `media-*`). */
export function satisfies(pattern: string, id: string): boolean {
  return pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id
}

/**
 * Checks every enabled plugin's `requires` against the enabled plugins and
 * core's capabilities; an unmet one stops the boot naming both plugins.
 */
export function assertRequirementsMet(manifests: AnyPluginManifest[]) {
  const available = [...CORE_CAPABILITIES, ...manifests.map((manifest) => manifest.id)]
  for (const manifest of manifests) {
    for (const pattern of manifest.requires) {
      if (!available.some((id) => satisfies(pattern, id))) {
        throw new RuntimeException(
          `Plugin "${manifest.id}" requires "${pattern}", which is not enabled. Add it to PARLEY_PLUGINS`,
          { code: 'E_PLUGIN_REQUIREMENT' }
        )
      }
    }
  }
}

/**
 * Validates a plugin's settings from the environment with its VineJS schema
 * (keys are the variable names). Blank variables count as unset. A missing
 * or invalid variable stops the boot with a message naming it.
 */
export async function validatePluginConfig<Config>(
  manifest: AnyPluginManifest,
  source: EnvSource = process.env
): Promise<Config> {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') values[key] = value
  }
  try {
    return (await vine.create(manifest.configSchema).validate(values)) as Config
  } catch (error) {
    if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
    const [first] = error.messages as { field: string; rule: string; message: string }[]
    const problem =
      first.rule === 'required' ? 'is not set' : `is invalid (${first.message.toLowerCase()})`
    throw new RuntimeException(
      `Plugin "${manifest.id}" is enabled but ${first.field} ${problem}. Set it in the environment or .env, or remove "${manifest.id}" from PARLEY_PLUGINS`,
      { code: 'E_PLUGIN_CONFIG' }
    )
  }
}

/**
 * The host's `ready` step: on a server (web environment), the plugins
 * enabled or disabled since the last boot go to the audit log. The decision
 * is the action's (RecordPluginChanges); the provider only calls this hook.
 * Loaded lazily: `config/plugins.ts` imports this module before the
 * database exists.
 */
export async function pluginsReady(environment: string, enabled: string[]) {
  if (environment !== 'web') return
  const { default: RecordPluginChanges } = await import('#actions/admin/record_plugin_changes')
  await RecordPluginChanges.atBoot(enabled)
}
