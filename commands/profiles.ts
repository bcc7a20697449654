import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { ChatctlError, EXIT_CODES } from './errors.js'

/** A saved connection for remote mode. */
export interface Profile {
  url: string
  token: string
}

/** The profiles file: named connections and the one used by default. */
export interface ProfilesFile {
  current: string | null
  profiles: Record<string, Profile>
}

/**
 * Where `chatctl auth login` saves connections: CHATCTL_CONFIG, else
 * `$XDG_CONFIG_HOME/chatctl/profiles.json` (`~/.config/…`). The file holds
 * admin tokens, so it is written owner-only (0600, its directory 0700).
 */
export function profilesPath() {
  if (process.env.CHATCTL_CONFIG) return process.env.CHATCTL_CONFIG
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(base, 'chatctl', 'profiles.json')
}

/** The saved profiles (none when the file does not exist). */
export function readProfiles(): ProfilesFile {
  const file = profilesPath()
  if (!existsSync(file)) return { current: null, profiles: {} }
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ProfilesFile>
    return { current: parsed.current ?? null, profiles: parsed.profiles ?? {} }
  } catch (error) {
    throw new ChatctlError(
      `Cannot read the profiles file ${file} (${(error as Error).message})`,
      'E_USAGE',
      EXIT_CODES.usage,
      ['Fix or delete the file, then run chatctl auth login again.']
    )
  }
}

/** Writes the profiles, owner-only. */
export function writeProfiles(profiles: ProfilesFile) {
  const file = profilesPath()
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  writeFileSync(file, `${JSON.stringify(profiles, null, 2)}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
}

/**
 * The connection of a profile: the named one (an unknown name is E_USAGE),
 * else the current one, else none.
 */
export function resolveProfile(name: string | undefined): (Profile & { name: string }) | null {
  const saved = readProfiles()
  const chosen = name ?? saved.current
  if (!chosen) return null
  const profile = saved.profiles[chosen]
  if (!profile) {
    if (!name) return null
    throw new ChatctlError(`No saved profile "${name}"`, 'E_USAGE', EXIT_CODES.usage, [
      `chatctl auth login --profile ${name} --url <server> --token <admin token>`,
      'chatctl auth list shows the saved profiles.',
    ])
  }
  return { name: chosen, ...profile }
}
