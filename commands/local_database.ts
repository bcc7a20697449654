import type { ChildProcess } from 'node:child_process'
import { ChatctlError, EXIT_CODES } from './errors.js'
import { appSetting } from './app_env.js'

/** The database local mode uses when no server runs, and how to say which one it is. */
export interface LocalDatabase {
  /** Which settings it came from and where it is, for error messages (no password). */
  description: string
  /** Stops what chatctl started for itself (the embedded database). */
  stop(): Promise<void>
}

/**
 * Connects once with `pg` to the database config/database.ts will use (same
 * settings, same defaults), before the application boots: an unreachable
 * database is then one clear error, not the pool's logged retries.
 */
export async function probeLocalDatabase(database: LocalDatabase) {
  const { default: pg } = await import('pg')
  const url = appSetting('DATABASE_URL')
  const client = new pg.Client({
    ...(url
      ? { connectionString: url }
      : {
          host: appSetting('DB_HOST') ?? '127.0.0.1',
          port: Number(appSetting('DB_PORT') ?? 5432),
          user: appSetting('DB_USER') ?? 'postgres',
          password: appSetting('DB_PASSWORD') ?? '',
          database: appSetting('DB_DATABASE') ?? 'parley',
        }),
    connectionTimeoutMillis: 10_000,
  })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (error) {
    const cause = error as Error & { code?: string }
    throw unreachable(database.description, cause.code ?? cause.message)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Finds the database the server uses, by the rules of `npm start`
 * (bin/start.ts): DATABASE_URL wins, then DB_*; with neither, the embedded
 * PostgreSQL on EMBEDDED_DB_PORT (default 5499) with its data in
 * EMBEDDED_DB_DIR (default storage/db). The embedded database is used where
 * it already runs, else started for this command and stopped after it, with
 * DB_* pointed at it as `npm start` does.
 */
export async function prepareLocalDatabase(): Promise<LocalDatabase> {
  const url = appSetting('DATABASE_URL')
  if (url) return { description: `DATABASE_URL (${maskUrl(url)})`, stop: async () => {} }
  if (appSetting('DB_HOST')) {
    const where = `${appSetting('DB_USER') ?? 'postgres'}@${appSetting('DB_HOST')}:${appSetting('DB_PORT') ?? 5432}/${appSetting('DB_DATABASE') ?? 'parley'}`
    return { description: `DB_* settings (${where})`, stop: async () => {} }
  }
  const launcher = await import('../bin/embedded_db_launcher.js')
  const port = Number(appSetting('EMBEDDED_DB_PORT') ?? 5499)
  const dataDir = launcher.embeddedDataDir(appSetting('EMBEDDED_DB_DIR'))
  const description = `the embedded database (data in ${dataDir}) on 127.0.0.1:${port}`
  let child: ChildProcess | undefined
  if (!(await launcher.answersOn(port))) {
    const poolMax = Number(appSetting('DB_POOL_MAX') ?? 10)
    child = await launcher.startEmbeddedDatabase(port, poolMax, dataDir).catch((error: Error) => {
      throw unreachable(description, error.message)
    })
  }
  Object.assign(process.env, {
    DB_HOST: '127.0.0.1',
    DB_PORT: String(port),
    DB_USER: 'postgres',
    DB_PASSWORD: '',
    DB_DATABASE: 'postgres',
    // PGlite serves every connection from one session: a statement name would collide.
    DB_NAMED_STATEMENTS: 'false',
  })
  return { description, stop: async () => child && launcher.stopEmbeddedDatabase(child) }
}

/**
 * The error of a local fallback that cannot reach its database: what was
 * tried, and how to point chatctl at the server's database (exit 4, no
 * stack trace).
 */
export function unreachable(description: string, cause: string) {
  return new ChatctlError(
    `No Parley server answered on its local admin socket, and the database could not be reached: tried ${description} (${cause})`,
    'E_CONNECTION_FAILED',
    EXIT_CODES.unreachable,
    [
      'Start the server (npm start) and retry: the command then runs in it.',
      "Or point chatctl at the server's database as for npm start: DATABASE_URL, or DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_DATABASE (in .env or the environment); unset both for the embedded database (EMBEDDED_DB_PORT, EMBEDDED_DB_DIR).",
      'If the server runs with its own ADMIN_SOCKET_PATH, give chatctl the same.',
    ]
  )
}

function maskUrl(url: string) {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'not a valid URL'
  }
}
