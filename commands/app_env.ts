import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseEnv } from 'node:util'

/** The application root (the Parley directory chatctl belongs to). */
export const APP_ROOT = new URL('../', import.meta.url)

let files: Record<string, string | undefined> | undefined

/**
 * The env files AdonisJS loads (its EnvLoader), most specific first
 * (`.env.<NODE_ENV>.local`, `.env.local` except under test, `.env.<NODE_ENV>`,
 * `.env`) in ENV_PATH or the app root, merged so the first file that sets a
 * key wins.
 */
function fileSettings() {
  if (files) return files
  const nodeEnv = process.env.NODE_ENV
  const names = [
    nodeEnv && `.env.${nodeEnv}.local`,
    !['test', 'testing'].includes(nodeEnv ?? '') && '.env.local',
    nodeEnv && `.env.${nodeEnv}`,
    '.env',
  ].filter((name): name is string => Boolean(name))
  const base = resolve(fileURLToPath(APP_ROOT), process.env.ENV_PATH || '')
  files = {}
  for (const name of names.reverse()) {
    const file = join(base, name)
    if (existsSync(file)) Object.assign(files, parseEnv(readFileSync(file, 'utf8')))
  }
  return files
}

/**
 * One setting as the server would see it, read without booting the
 * application: the process environment wins over the env files, as in
 * AdonisJS. Empty values count as unset.
 */
export function appSetting(key: string): string | undefined {
  return process.env[key] || fileSettings()[key] || undefined
}

/**
 * The settings that are not secrets, as a fresh install has them (`npm start`
 * writes them into a new `.env`, bin/fresh_env.ts). Where neither the
 * environment nor an env file sets one, it is the default: an external
 * database then needs only DATABASE_URL, APP_KEY and ENCRYPTION_KEYS.
 */
export const FRESH_SETTINGS: Record<string, string> = {
  NODE_ENV: 'development',
  PORT: '3000',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
}

/** Puts each of FRESH_SETTINGS that nothing sets into the process environment. */
export function applyFreshDefaults() {
  for (const [key, value] of Object.entries(FRESH_SETTINGS)) {
    if (!appSetting(key)) process.env[key] = value
  }
}
