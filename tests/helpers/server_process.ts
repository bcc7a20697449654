import { eventually, freePort, spawnChild, stopChild } from '#tests/helpers/processes'

/*
 * A real Parley server in a child process (bin/server.ts, the web
 * environment), configured through its environment exactly as an operator
 * does: plugins through PARLEY_PLUGINS, several nodes through REDIS_URL. It
 * shares the test database with the test process, so suites using it
 * truncate instead of relying on test transactions (STYLE.md trap 4).
 */

/** A running server: its base URL, its output so far, and how to stop or kill it. */
export interface ServerProcess {
  url: string
  port: number
  output: () => string
  /** Whether the process is still running (it must never crash on its own). */
  alive: () => boolean
  /** Graceful shutdown (SIGTERM, SIGKILL after 10 s). */
  stop: () => Promise<void>
  /** A crash: SIGKILL, no shutdown hooks. */
  kill: () => Promise<void>
  /** SIGTERM only (the drain), never followed by SIGKILL: resolves with how the process ended. */
  terminate: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Starts the server with extra environment variables and waits until it answers /health. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  const { child, exited, output } = spawnChild(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'bin/server.ts'],
    { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env }
  )
  const url = `http://127.0.0.1:${port}`
  const alive = () => child.exitCode === null && child.signalCode === null
  const server: ServerProcess = {
    url,
    port,
    output,
    alive,
    stop: () => stopChild(child, exited),
    kill: async () => {
      if (alive()) child.kill('SIGKILL')
      await exited
    },
    terminate: async () => {
      if (alive()) child.kill('SIGTERM')
      await exited
      return { code: child.exitCode, signal: child.signalCode }
    },
  }
  try {
    await eventually(
      async () => {
        if (!alive()) return true
        const response = await fetch(`${url}/health`)
        return response.status > 0
      },
      60_000,
      () => `server on ${port} did not start:\n${output()}`
    )
  } catch (error) {
    await server.kill()
    throw error
  }
  if (!alive()) throw new Error(`server exited:\n${output()}`)
  return server
}
