/*
|--------------------------------------------------------------------------
| Embedded PostgreSQL launcher (npm start and chatctl's local fallback)
|--------------------------------------------------------------------------
|
| Runs bin/embedded_db in a child process on 127.0.0.1:<port> with its data
| in <dataDir>, and resolves once it serves connections. `npm start` runs it
| for the server; chatctl runs it for one command when no server is running,
| so both find the same database by the same rules.
|
*/
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { extname } from 'node:path'
import pg from 'pg'

const APP_ROOT = new URL('../', import.meta.url)

/** Where the embedded database keeps its data: EMBEDDED_DB_DIR, else storage/db. */
export function embeddedDataDir(configured?: string) {
  return configured || fileURLToPath(new URL('storage/db', APP_ROOT))
}

/** Starts the embedded database; rejects with a message naming the port when it cannot. */
export async function startEmbeddedDatabase(
  port: number,
  poolMax: number,
  dataDir: string
): Promise<ChildProcess> {
  const script = fileURLToPath(new URL(`./embedded_db${extname(import.meta.url)}`, import.meta.url))
  const child = spawn(process.execPath, [...loaderFlags(script), script], {
    cwd: fileURLToPath(APP_ROOT),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      EMBEDDED_DB_DIR: dataDir,
      EMBEDDED_DB_PORT: String(port),
      EMBEDDED_DB_MAX_CONNECTIONS: String(Math.max(20, poolMax * 2)),
    },
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', (message: { type: string; message?: string }) => {
      if (message.type === 'ready') resolve()
      else reject(new Error(`embedded database failed on port ${port}: ${message.message}`))
    })
    child.once('exit', (code, signal) => {
      reject(new Error(`embedded database exited (${signal ?? `code ${code}`})`))
    })
  })
  await probe(port)
  return child
}

/** Stops an embedded database this process started, and waits until its data is closed. */
export async function stopEmbeddedDatabase(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** Whether a PostgreSQL server answers on 127.0.0.1:<port> (the embedded one of a running server). */
export async function answersOn(port: number) {
  return probe(port).then(
    () => true,
    () => false
  )
}

/**
 * The loader flags the child needs: those this process runs with (npm
 * start), or ts-exec when the script is TypeScript and this process loaded
 * it programmatically (chatctl).
 */
function loaderFlags(script: string) {
  const flags = process.execArgv.filter((flag) => flag.startsWith('--import'))
  if (!flags.length && script.endsWith('.ts')) flags.push('--import=@poppinss/ts-exec')
  return flags
}

/** Connects once with `pg`, as the application will. */
async function probe(port: number) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
  } finally {
    await client.end().catch(() => {})
  }
}
