import { chmod, readFile, writeFile } from 'node:fs/promises'
import { ChatctlError, EXIT_CODES } from '../errors.js'
import { envFileToEdit, loadEnvValues } from '../config/env_files.js'

/** What `plugin enable|disable` did. */
export interface PluginToggleResult {
  id: string
  enabled: boolean
  /** False when PARLEY_PLUGINS already said so (nothing written). */
  changed: boolean
  /** PARLEY_PLUGINS as written. */
  plugins: string[]
  envFile: string
  restartRequired: boolean
  overriddenByEnvironment: boolean
}

const LINE = /^PARLEY_PLUGINS=.*$/m

/**
 * Adds a plugin to, or removes it from, PARLEY_PLUGINS in the env file,
 * keeping the file's other lines, after checking that the server would
 * boot with the new list: the id is known, every enabled plugin's
 * `requires` is met and every enabled plugin's settings validate against
 * the env file and environment. Nothing is written when a check fails.
 */
export async function togglePlugin(
  id: string,
  enable: boolean,
  envPath: string | undefined
): Promise<PluginToggleResult> {
  const { KNOWN_PLUGINS } = await import('#config/known_plugins')
  const { parsePluginIds } = await import('#services/plugins')
  const { pluginProblems } = await import('#services/config_report')
  const manifest = KNOWN_PLUGINS.find((candidate) => candidate.id === id)
  if (!manifest) {
    throw new ChatctlError(`Unknown plugin "${id}"`, 'E_NOT_FOUND', EXIT_CODES.failed, [
      `Known plugins: ${KNOWN_PLUGINS.map((known) => known.id).join(', ')} (chatctl plugin list).`,
    ])
  }
  const envFile = envFileToEdit(envPath)
  const current = await readFile(envFile, 'utf8').catch(() => '')
  const { values } = await loadEnvValues(current ? envFile : undefined)
  const fileValue = LINE.exec(current)?.[0].slice('PARLEY_PLUGINS='.length)
  const before = parsePluginIds(fileValue?.replace(/^(['"])(.*)\1$/, '$2'))
  const after = enable
    ? [...before.filter((other) => other !== id), id]
    : before.filter((other) => other !== id)
  const changed = enable ? !before.includes(id) : before.includes(id)
  const enabled = KNOWN_PLUGINS.filter((known) => after.includes(known.id))
  const problems = await pluginProblems(enabled, { ...values, PARLEY_PLUGINS: after.join(',') })
  if (problems.length) {
    throw new ChatctlError(
      `PARLEY_PLUGINS not changed: ${problems.map((problem) => problem.message).join('; ')}`,
      'E_PLUGIN_CONFIG',
      EXIT_CODES.failed,
      [`Set the plugin's variables in ${envFile} (or the environment) first, then retry.`]
    )
  }
  if (changed) {
    const line = `PARLEY_PLUGINS=${after.join(',')}`
    const contents = LINE.test(current)
      ? current.replace(LINE, line)
      : `${current}${current && !current.endsWith('\n') ? '\n' : ''}${line}\n`
    await writeFile(envFile, contents, { mode: 0o600 })
    await chmod(envFile, 0o600)
  }
  return {
    id,
    enabled: enable,
    changed,
    plugins: after,
    envFile,
    restartRequired: changed,
    overriddenByEnvironment: Boolean(process.env.PARLEY_PLUGINS),
  }
}
