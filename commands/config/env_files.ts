import { readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ChatctlError, EXIT_CODES } from '../errors.js'
import { APP_ROOT } from '../app_env.js'

/** The variables the server would read, and the env files they came from. */
export interface EnvValues {
  files: string[]
  values: Record<string, string | undefined>
}

/**
 * Reads the env files as AdonisJS does at boot (its EnvLoader and parser:
 * `.env.<NODE_ENV>.local`, `.env.local`, `.env.<NODE_ENV>`, `.env` in
 * ENV_PATH or the app root, interpolation included; the process environment
 * wins), or the one file `envPath` names. Nothing is validated here.
 */
export async function loadEnvValues(envPath?: string): Promise<EnvValues> {
  const { EnvLoader, EnvParser, EnvProcessor } = await import('@adonisjs/core/env')
  if (envPath) {
    const file = resolve(envPath)
    if (!existsSync(file)) {
      throw new ChatctlError(`No env file at ${file}`, 'E_NOT_FOUND', EXIT_CODES.failed, [
        'Give --env-path an existing file, or leave it out for the env files of the app.',
      ])
    }
    const parsed = await new EnvParser(await readFile(file, 'utf8'), APP_ROOT).parse()
    return { files: [file], values: { ...parsed, ...definedOnly(process.env) } }
  }
  const loaded = await new EnvLoader(APP_ROOT).load()
  const values = await new EnvProcessor(APP_ROOT).process()
  return {
    files: loaded.filter((file) => file.fileExists).map((file) => file.path),
    values: { ...values, ...definedOnly(process.env) },
  }
}

/** The env file `plugin enable|disable` edit: --env-path, else `.env` in ENV_PATH or the app root. */
export function envFileToEdit(envPath?: string) {
  if (envPath) return resolve(envPath)
  return resolve(fileURLToPath(APP_ROOT), process.env.ENV_PATH || '', '.env')
}

function definedOnly(values: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value))
}
