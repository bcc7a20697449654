import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

/*
 * Child processes of the tests (Parley nodes, a private redis-server), with
 * ports from the test port's range. Every child is killed when the test
 * process exits, whatever happened, so a failed or interrupted run never
 * leaves a server behind.
 */

/** The application root, where bin/server.ts lives. */
export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url))

const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
})

/** How long after a child's exit its output pipes may take to close. */
const PIPE_CLOSE_GRACE_MS = 2000

/**
 * Spawns a child process (in the application root unless `cwd` says
 * otherwise) that is killed at the latest when the test process exits.
 */
export function spawnChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string = APP_ROOT
) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  // 'exit' can come before the last of the child's output has been read
  // (Node's child_process docs): wait for the pipes to close too, so that
  // output() holds everything the process wrote, bounded in case a
  // grandchild inherited the pipes.
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve())
    child.once('exit', () => setTimeout(resolve, PIPE_CLOSE_GRACE_MS).unref())
  })
  return { child, exited, output: () => output }
}

/** Stops a child: SIGTERM, then SIGKILL if it is still alive after `graceMs`. */
export async function stopChild(child: ChildProcess, exited: Promise<void>, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

function isFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

const taken = new Set<number>()

/**
 * A free port above the test server's PORT (PORT+1 … PORT+99), never handed
 * out twice in this run, so concurrent runs on other port ranges never clash.
 */
export async function freePort(): Promise<number> {
  const base = Number(process.env.PORT ?? 3100)
  for (let port = base + 1; port < base + 100; port++) {
    if (taken.has(port) || !(await isFree(port))) continue
    taken.add(port)
    return port
  }
  throw new Error(`no free port in ${base + 1}-${base + 99}`)
}

/** Polls `probe` until it resolves truthy; fails after `timeoutMs` with `describe()`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  describe: () => string
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value) return value
    if (Date.now() > deadline) throw new Error(describe())
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
