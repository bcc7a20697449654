import { readFile, writeFile } from 'node:fs/promises'
import type { ApplicationService } from '@adonisjs/core/types'

/** What `key rotate --generate` did. */
export interface GeneratedVersion {
  version: number
  envFile: string
  /** The new ENCRYPTION_KEYS value, only with --print (it is a secret). */
  value: string | null
  overriddenByEnvironment: boolean
}

const LINE = /^ENCRYPTION_KEYS=.*$/m

/**
 * Appends a new master key version to the keyring the app runs with and
 * writes the result to the env file (the ENCRYPTION_KEYS line replaced, or
 * added), keeping the file's other lines. The old versions stay in the value:
 * room keys wrapped under them must keep opening until they are rewrapped.
 */
export async function generateKeyringVersion(
  app: ApplicationService,
  envFile: string | undefined,
  print: boolean
): Promise<GeneratedVersion> {
  const { default: env } = await import('#start/env')
  const { addKeyringVersion } = await import('#services/keyring')
  const { presetVariables } = await import('../local_app.js')
  const next = addKeyringVersion(env.get('ENCRYPTION_KEYS').release())
  const file = envFile ?? app.makePath('.env')
  const current = await readFile(file, 'utf8').catch(() => '')
  const line = `ENCRYPTION_KEYS=${next.value}`
  const contents = LINE.test(current)
    ? current.replace(LINE, line)
    : `${current}${current && !current.endsWith('\n') ? '\n' : ''}${line}\n`
  await writeFile(file, contents, { mode: 0o600 })
  return {
    version: next.version,
    envFile: file,
    value: print ? next.value : null,
    overriddenByEnvironment: presetVariables.has('ENCRYPTION_KEYS'),
  }
}
