/*
|--------------------------------------------------------------------------
| npm start
|--------------------------------------------------------------------------
|
| The two-command start: `npm install && npm start` serves Parley with no
| database server to set up.
|
| 1. No `.env`? In the embedded development mode (no DATABASE_URL or
|    DB_HOST), write one with fresh APP_KEY and ENCRYPTION_KEYS. With an
|    external database the keys are never invented: nodes sharing one
|    database must share them, so a missing key stops the start with a
|    message naming what to set.
| 2. No DATABASE_URL or DB_HOST? Run the embedded PostgreSQL (PGlite,
|    bin/embedded_db.ts) in a child process on EMBEDDED_DB_PORT, with its
|    data under EMBEDDED_DB_DIR (storage/db), and point DB_* at it. chatctl's
|    local fallback follows the same rules (commands/local_database.ts).
| 3. Run pending migrations in-process, before the HTTP server listens.
| 4. Build the web client into public/ if missing or stale (bin/web_build.ts).
| 5. Start the HTTP server (bin/server.ts).
|
*/
import { type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseEnv } from 'node:util'
import app from '@adonisjs/core/services/app'
import { ensureWebBuild } from './web_build.ts'
import { freshEnvSettings } from './fresh_env.ts'
import { applyFreshDefaults } from '../commands/app_env.ts'
import { embeddedDataDir, startEmbeddedDatabase } from './embedded_db_launcher.ts'

const APP_ROOT = new URL('../', import.meta.url)
const ENV_FILE = fileURLToPath(new URL('.env', APP_ROOT))
const startedAt = performance.now()

/** The keys every node of one installation must share (docs/deploy.md). */
const REQUIRED_KEYS = ['APP_KEY', 'ENCRYPTION_KEYS']

/** Stops the start when an external database is configured without the keys. */
function refuseWithoutKeys(missing: string[]): never {
  console.error(
    [
      `parley: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`,
      'With an external database (DATABASE_URL or DB_HOST) Parley does not generate keys: every',
      "node must use the same ones, or nodes cannot read each other's data. Set them in the",
      'environment or in .env (generate once, keep them safe, give every node the same values):',
      '  APP_KEY=<32 random bytes, base64url>        openssl rand -base64 32 | tr "+/" "-_" | tr -d "="',
      '  ENCRYPTION_KEYS=v1:<32 random bytes, base64> echo "v1:$(openssl rand -base64 32)"',
      'See docs/deploy.md.',
    ].join('\n')
  )
  process.exit(1)
}

/**
 * Writes a development `.env` with fresh secrets in the embedded development
 * mode only; returns the settings it now holds.
 */
function ensureEnvFile(): Record<string, string | undefined> {
  if (!existsSync(ENV_FILE)) {
    const externalDatabase = Boolean(process.env.DATABASE_URL || process.env.DB_HOST)
    const missing = REQUIRED_KEYS.filter((key) => !process.env[key])
    if (externalDatabase && missing.length) refuseWithoutKeys(missing)
    if (!externalDatabase && !process.env.APP_KEY) writeDevelopmentEnvFile()
    if (externalDatabase) applyFreshDefaults()
  }
  return existsSync(ENV_FILE) ? parseEnv(readFileSync(ENV_FILE, 'utf8')) : {}
}

function writeDevelopmentEnvFile() {
  const lines = [
    '# Written by `npm start` on first run. Keep it secret and keep it: losing',
    '# ENCRYPTION_KEYS makes stored messages unreadable. See .env.example.',
    ...Object.entries(freshEnvSettings()).map(([key, value]) => `${key}=${value}`),
    '',
  ]
  writeFileSync(ENV_FILE, lines.join('\n'), { mode: 0o600 })
  console.log(`parley: wrote ${ENV_FILE} with a fresh APP_KEY and ENCRYPTION_KEYS`)
}

/** Process env wins over `.env`, as in AdonisJS itself. */
function setting(fileEnv: Record<string, string | undefined>, key: string) {
  return process.env[key] || fileEnv[key] || undefined
}

/**
 * Ties the child's life to ours: stop it after the app has terminated, and
 * stop the app (fail fast, for a supervisor to restart) if it dies first.
 */
function superviseChild(child: ChildProcess) {
  let exiting = false
  child.unref()
  child.channel?.unref()
  child.once('exit', (code, signal) => {
    if (exiting) return
    console.error(`parley: the embedded database stopped (${signal ?? `code ${code}`}); exiting`)
    process.exit(1)
  })
  process.once('exit', () => {
    exiting = true
    child.kill('SIGTERM')
  })
}

/**
 * Runs pending migrations after the app boots and before the HTTP server
 * listens. Called right after bin/server.ts has created the app (its import
 * resolves while the app is still booting), so the `starting` hook is in
 * time; a guard fails loudly should that ever change.
 */
function migrateBeforeListening() {
  if (!['created', 'initiated'].includes(app.getState())) {
    throw new Error(`cannot hook migrations: the app is already ${app.getState()}`)
  }
  app.starting(async () => {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { MigrationRunner } = await import('@adonisjs/lucid/migration')
    const migrator = new MigrationRunner(db, app, { direction: 'up' })
    await migrator.run()
    if (migrator.error) throw migrator.error
    const count = Object.keys(migrator.migratedFiles).length
    console.log(`parley: database schema up to date (${count} migration(s) applied)`)
  })
  if (!app.managedByPm2) process.once('SIGINT', () => app.terminate())
  app.ready(() => {
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1)
    console.log(`parley: ready in ${seconds}s`)
  })
}

const fileEnv = ensureEnvFile()
await ensureWebBuild()
if (!setting(fileEnv, 'DATABASE_URL') && !setting(fileEnv, 'DB_HOST')) {
  const port = Number(setting(fileEnv, 'EMBEDDED_DB_PORT') ?? 5499)
  const poolMax = Number(setting(fileEnv, 'DB_POOL_MAX') ?? 10)
  const dataDir = embeddedDataDir(setting(fileEnv, 'EMBEDDED_DB_DIR'))
  const child = await startEmbeddedDatabase(port, poolMax, dataDir).catch((error: Error) => {
    console.error(`parley: ${error.message}. Set EMBEDDED_DB_PORT, or DB_* for an external server.`)
    process.exit(1)
  })
  console.log(`parley: embedded PostgreSQL on 127.0.0.1:${port}, data in ${dataDir}`)
  superviseChild(child)
  Object.assign(process.env, {
    DB_HOST: '127.0.0.1',
    DB_PORT: String(port),
    DB_USER: 'postgres',
    DB_PASSWORD: '',
    DB_DATABASE: 'postgres',
    // PGlite serves every connection from one session: a statement name would collide.
    DB_NAMED_STATEMENTS: 'false',
  })
}

await import('./server.ts')
migrateBeforeListening()
