/*
|--------------------------------------------------------------------------
| Embedded PostgreSQL (child process of bin/start.ts)
|--------------------------------------------------------------------------
|
| Serves PGlite (PostgreSQL compiled to WASM) over the Postgres wire protocol
| on 127.0.0.1, so Lucid's ordinary `pg` client works unchanged. It runs in
| its own process to keep PGlite's WASM work off the application's event
| loop. Settings come from the parent through the environment:
| EMBEDDED_DB_DIR, EMBEDDED_DB_PORT, EMBEDDED_DB_MAX_CONNECTIONS.
|
| The parent learns that it is ready through the IPC channel; when that
| channel closes (the parent exited, even by SIGKILL) this process closes
| the database cleanly and exits, so it never outlives the application.
|
*/
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

const dataDir = process.env.EMBEDDED_DB_DIR!
const port = Number(process.env.EMBEDDED_DB_PORT)
const maxConnections = Number(process.env.EMBEDDED_DB_MAX_CONNECTIONS)

mkdirSync(dataDir, { recursive: true })
const db = await PGlite.create(dataDir)
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections })

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await server.stop().catch(() => {})
  await db.close().catch(() => {})
  process.exit(0)
}

/* Ctrl-C reaches the whole process group: let the parent stop first, then us. */
process.on('SIGINT', () => {})
process.on('SIGTERM', stop)
process.on('disconnect', stop)

try {
  await server.start()
} catch (error) {
  process.send?.({ type: 'failed', message: (error as Error).message })
  await db.close().catch(() => {})
  process.exit(1)
}
process.send?.({ type: 'ready' })
