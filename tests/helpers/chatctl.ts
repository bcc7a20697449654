import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import env from '#start/env'

/** The committed chatctl binary, run as a child process like an admin would. */
export const CHATCTL = fileURLToPath(new URL('../../bin/chatctl.js', import.meta.url))

/** What one chatctl run produced. */
export interface ChatctlRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** stdout parsed as JSON when it is JSON. */
  json: any
}

/** Local mode, or remote mode against the test server with a token. */
export type Mode = { name: 'local' } | { name: 'remote'; token: string }

/** The test server's base URL (the Japa suite started it on PORT). */
export const serverUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * The child's environment: this process's database settings (so local mode
 * uses the test database), no chatctl connection variables or saved
 * profiles unless a test passes them.
 */
export function childEnv(extra: Record<string, string | undefined> = {}) {
  const base: Record<string, string | undefined> = { ...process.env }
  delete base.CHATCTL_URL
  delete base.CHATCTL_TOKEN
  delete base.CHATCTL_PROFILE
  return {
    ...base,
    CHATCTL_CONFIG: join(tmpdir(), 'parley-chatctl-no-profiles', 'profiles.json'),
    NODE_ENV: 'test',
    DB_HOST: env.get('DB_HOST'),
    DB_PORT: String(env.get('DB_PORT') ?? 5432),
    DB_USER: env.get('DB_USER'),
    DB_DATABASE: env.get('DB_DATABASE'),
    ENCRYPTION_KEYS: env.get('ENCRYPTION_KEYS').release(),
    LOG_LEVEL: 'warn',
    ...extra,
  }
}

/** The connection flags of a mode. */
export function modeArgs(mode: Mode) {
  return mode.name === 'local' ? [] : ['--url', serverUrl(), '--token', mode.token]
}

/** Starts chatctl and returns the child plus a promise of its outcome. */
export function startChatctl(args: string[], extraEnv: Record<string, string | undefined> = {}) {
  const child = spawn(CHATCTL, args, { env: childEnv(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] })
  const done = collect(child)
  return { child, done }
}

/** Runs chatctl to completion. */
export function chatctl(args: string[], extraEnv: Record<string, string | undefined> = {}) {
  return startChatctl(args, extraEnv).done
}

/** Runs a command in a mode with --json. */
export function chatctlJson(mode: Mode, args: string[], extraEnv: Record<string, string> = {}) {
  return chatctl([...args, ...modeArgs(mode), '--json'], extraEnv)
}

function collect(child: ChildProcess): Promise<ChatctlRun> {
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => {
      let json: unknown = null
      try {
        json = JSON.parse(stdout)
      } catch {}
      resolve({ code, signal, stdout, stderr, json })
    })
  })
}
