import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The repository root, where bin/ and node_modules/ live. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Keys of the bench servers (not secret: the bench database is thrown away). */
export const BENCH_KEYS = {
  APP_KEY: 'bench-app-key-not-secret-0123456789abcdef',
  ENCRYPTION_KEYS: 'v1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
}

/** PostgreSQL settings of the bench (BENCH_DB_* override them). */
export const PG = {
  host: process.env.BENCH_DB_HOST ?? '127.0.0.1',
  port: Number(process.env.BENCH_DB_PORT ?? 5432),
  user: process.env.BENCH_DB_USER ?? 'postgres',
  password: process.env.BENCH_DB_PASSWORD ?? '',
}

/** A server process started by the bench, with what it takes to measure and stop it. */
export interface ServerProcess {
  name: string
  url: string
  pid: number
  child: ChildProcess
  /** User + system CPU time of the process so far, in ms (from /proc). */
  cpuMs(): number
  /** Resident set size of the process now, in bytes (from /proc). */
  rssBytes(): number
  stop(signal?: NodeJS.Signals): Promise<void>
  output(): string
}

function cpuOf(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

function rssOf(pid: number) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'))!
  return Number(line.replace(/\D+/g, '')) * 1024
}

/**
 * Spawns a Node process running a TypeScript file (ts-exec loader) and
 * waits until an HTTP GET on `readyPath` answers. Output is kept for errors.
 */
export async function startProcess(options: {
  name: string
  script: string
  port: number
  env: Record<string, string | undefined>
  readyPath: string
  nodeArgs?: string[]
  timeoutMs?: number
}): Promise<ServerProcess> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries({ ...process.env, ...options.env })) {
    if (value !== undefined) env[key] = value
  }
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import=@poppinss/ts-exec', options.script],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let log = ''
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${options.port}`
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited early:\n${log}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${options.name} did not start in time:\n${log}`)
    }
    try {
      const response = await fetch(`${url}${options.readyPath}`)
      await response.arrayBuffer()
      if (response.status < 500) break
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const pid = child.pid!
  return {
    name: options.name,
    url,
    pid,
    child,
    cpuMs: () => cpuOf(pid),
    rssBytes: () => rssOf(pid),
    output: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/**
 * Starts a Parley node (bin/start.ts: pending migrations, then the HTTP
 * server with the Socket.IO gateway) on the given database and port.
 * `BENCH_CPU_PROF=<dir>` adds `--cpu-prof` so each node writes a profile on exit.
 */
export function startParley(options: {
  port: number
  database: string
  redisUrl?: string
  name?: string
  extraEnv?: Record<string, string>
  /** How long to wait for /health (default 60 s). */
  timeoutMs?: number
}) {
  const profile = process.env.BENCH_CPU_PROF
  return startProcess({
    name: options.name ?? `parley:${options.port}`,
    script: 'bin/start.ts',
    port: options.port,
    readyPath: '/health',
    timeoutMs: options.timeoutMs,
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
    env: {
      ...BENCH_KEYS,
      NODE_ENV: 'production',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
      DB_HOST: PG.host,
      DB_PORT: String(PG.port),
      DB_USER: PG.user,
      DB_PASSWORD: PG.password,
      DB_DATABASE: options.database,
      DATABASE_URL: undefined,
      REDIS_URL: options.redisUrl,
      PARLEY_PLUGINS: '',
      ...options.extraEnv,
    },
  })
}

/** Starts the bare Socket.IO relay (bench/baseline/relay_server.ts): no auth, no database. */
export function startRelay(port: number, name = `relay:${port}`) {
  return startProcess({
    name,
    script: 'bench/baseline/relay_server.ts',
    port,
    readyPath: '/ready',
    env: { RELAY_PORT: String(port) },
  })
}
