import pg from 'pg'
import db from '@adonisjs/lucid/services/db'

/*
 * One test run per database. A run migrates its database when it starts and
 * rolls every migration back when it ends (`testUtils.db().migrate()`), and
 * its specs truncate tables between tests: a second run on the same database
 * (another checkout, a CI run and a developer's `npm test` on one machine)
 * drops the first one's tables under it. So a run first takes a session
 * advisory lock on its database, on a connection of its own held until the
 * run ends, and a run that finds it taken stops before touching anything.
 */

/** The advisory lock's two keys: `parl`, then 1 for "a test run". */
const LOCK = [0x7061726c, 1] as const

/** Claims the test database for this run; answers the release (the runner calls it at the end). */
export async function claimTestDatabase() {
  const config = db.getRawConnection(db.primaryConnectionName)?.config.connection
  const client = new pg.Client(config as pg.ClientConfig)
  // Losing this idle connection only loses the claim; it must not end the run.
  client.on('error', () => {})
  await client.connect()
  const { rows } = await client.query('SELECT pg_try_advisory_lock($1, $2) AS claimed', [...LOCK])
  if (!rows[0].claimed) {
    const database = client.database
    await client.end()
    throw new Error(
      `Another test run is using the database ${database}, and a run rolls back its schema when ` +
        'it ends. Wait for it, or run beside it on a database of your own: DB_DATABASE=<name> ' +
        '(with its own TEST_REDIS_URL and PORT).'
    )
  }
  return async () => {
    await client.end()
  }
}
