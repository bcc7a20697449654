import { Env } from '@adonisjs/core/env'
import { Secret } from '@adonisjs/core/helpers'
import type { VineObject } from '@vinejs/vine'
import { envSchema } from '#start/env_schema'
import { KNOWN_PLUGINS } from '#config/known_plugins'
import { parsePluginIds } from '#services/plugins'
import {
  CORE_CAPABILITIES,
  satisfies,
  validatePluginConfig,
  type EnvSource,
} from '#services/plugin_host'
import type { AnyPluginManifest } from '#extensions/plugin'

/**
 * What `chatctl config show` and `config check` report, computed from a set
 * of variables (the server's environment, or the env files chatctl read)
 * without booting the application: this module imports neither the app nor
 * start/env.ts, whose validation would stop at an invalid file.
 */

/** One effective setting; a secret's value is masked. */
export interface ConfigSetting {
  name: string
  /** The value as the server reads it; `********` for a secret; null when unset. */
  value: string | null
  secret: boolean
  /** The plugin whose setting it is (null for core). */
  plugin: string | null
}

/** One problem `config check` found. */
export interface ConfigProblem {
  /** The variable at fault, when one is. */
  variable: string | null
  message: string
}

/** Shown instead of a secret's value. */
export const MASK = '********'

/** Names whose values are secrets even where the schema reads them as plain strings. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|PRIVATE|CREDENTIAL|SERVICE_ACCOUNT|(^|_)KEYS?$/

type Rule = (key: string, value?: string) => unknown
const RULES = envSchema as unknown as Record<string, Rule>

/** Blank values count as unset, as in AdonisJS's validator. */
function read(values: EnvSource, key: string) {
  return process.env[key] || values[key] || undefined
}

/** The plugins PARLEY_PLUGINS enables that this build knows. */
function enabledPlugins(values: EnvSource): AnyPluginManifest[] {
  const ids = parsePluginIds(read(values, 'PARLEY_PLUGINS'))
  return KNOWN_PLUGINS.filter((manifest) => ids.includes(manifest.id))
}

function display(name: string, value: unknown): Pick<ConfigSetting, 'value' | 'secret'> {
  if (value === undefined || value === null || value === '') return { value: null, secret: false }
  if (value instanceof Secret || SECRET_NAME.test(name)) return { value: MASK, secret: true }
  const text = String(value)
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*:[^/@]*@/i.test(text)) {
    const url = new URL(text)
    url.password = MASK
    return { value: decodeURIComponent(url.toString()), secret: false }
  }
  return { value: text, secret: false }
}

/** Every core setting and every setting of an enabled plugin, secrets masked. */
export function effectiveSettings(values: EnvSource): ConfigSetting[] {
  const core = Object.entries(RULES).map(([name, rule]) => {
    let parsed: unknown
    try {
      parsed = rule(name, read(values, name))
    } catch {
      parsed = read(values, name)
    }
    return { name, ...display(name, parsed), plugin: null }
  })
  const plugins = enabledPlugins(values).flatMap((manifest) =>
    Object.keys(
      (manifest.configSchema as unknown as VineObject<any, any, any, any>).getProperties()
    )
      .sort()
      .map((name) => ({ name, ...display(name, read(values, name)), plugin: manifest.id }))
  )
  return [...core, ...plugins]
}

/**
 * Everything that would stop the boot, all at once: variables the schema
 * rejects, unknown plugin ids, unmet `requires`, invalid plugin settings.
 */
export async function configProblems(values: EnvSource): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = []
  try {
    Env.rules(envSchema).validate(values)
  } catch (error) {
    const help = String((error as { help?: string }).help ?? (error as Error).message)
    for (const line of help.split('\n').filter(Boolean)) {
      const message = line.replace(/^- /, '')
      problems.push({ variable: /"([A-Z][A-Z0-9_]*)"/.exec(message)?.[1] ?? null, message })
    }
  }
  const ids = parsePluginIds(read(values, 'PARLEY_PLUGINS'))
  const known = new Set(KNOWN_PLUGINS.map((manifest) => manifest.id))
  for (const id of ids.filter((candidate) => !known.has(candidate))) {
    problems.push({
      variable: 'PARLEY_PLUGINS',
      message: `Unknown plugin "${id}". Known plugins: ${[...known].join(', ')}`,
    })
  }
  problems.push(...(await pluginProblems(enabledPlugins(values), values)))
  return problems
}

/** Unmet `requires` and invalid settings of a set of enabled plugins. */
export async function pluginProblems(
  manifests: AnyPluginManifest[],
  values: EnvSource
): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = []
  const available = [...CORE_CAPABILITIES, ...manifests.map((manifest) => manifest.id)]
  const source = { ...values, ...definedOnly(process.env) }
  for (const manifest of manifests) {
    for (const pattern of manifest.requires) {
      if (!available.some((id) => satisfies(pattern, id))) {
        problems.push({
          variable: 'PARLEY_PLUGINS',
          message: `Plugin "${manifest.id}" requires "${pattern}", which is not enabled`,
        })
      }
    }
    try {
      await validatePluginConfig(manifest, source)
    } catch (error) {
      const message = (error as Error).message
      problems.push({ variable: / but ([A-Z][A-Z0-9_]*) /.exec(message)?.[1] ?? null, message })
    }
  }
  return problems
}

function definedOnly(values: EnvSource): EnvSource {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value))
}
