import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { eventually } from '#tests/helpers/processes'
import { freshEnvSettings } from '../../../bin/fresh_env.ts'

/*
 * A 500 never shows a client internals. The server runs in a child process
 * configured as `npm start` configures a fresh install (the settings
 * bin/start.ts writes to a new .env: NODE_ENV=development), on a database
 * that was never migrated, so an unauthenticated login fails inside the
 * query with a real PostgreSQL error. On main that answer was the
 * development debug page: the SQL text, absolute paths and source excerpts.
 */

const UNMIGRATED = `${env.get('DB_DATABASE')}_unmigrated`

/** What `npm start` writes on a first run, pointed at the unmigrated database. */
function freshInstall(extra: Record<string, string> = {}) {
  const settings: Record<string, string> = freshEnvSettings()
  delete settings.PORT
  delete settings.HOST
  return {
    ...settings,
    DB_HOST: env.get('DB_HOST')!,
    DB_PORT: String(env.get('DB_PORT') ?? 5432),
    DB_USER: env.get('DB_USER')!,
    DB_PASSWORD: env.get('DB_PASSWORD') ?? '',
    DB_DATABASE: UNMIGRATED,
    REDIS_URL: '',
    ...extra,
  }
}

async function login(server: ServerProcess) {
  const response = await fetch(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept': 'text/html' },
    body: JSON.stringify({ email: 'someone@example.com', password: 'a password' }),
  })
  return { response, text: await response.text() }
}

test.group('Internal errors', (group) => {
  group.setup(async () => {
    await db.rawQuery(`DROP DATABASE IF EXISTS "${UNMIGRATED}"`)
    await db.rawQuery(`CREATE DATABASE "${UNMIGRATED}"`)
    return () => db.rawQuery(`DROP DATABASE IF EXISTS "${UNMIGRATED}"`)
  })

  test('a fresh install answers a 500 with a code, a message and a request id only', async ({
    assert,
  }) => {
    const server = await startServer(freshInstall())
    try {
      const { response, text } = await login(server)
      assert.equal(response.status, 500)
      assert.include(String(response.headers.get('content-type')), 'application/json')
      const requestId = response.headers.get('x-request-id')
      assert.isString(requestId)
      assert.deepEqual(JSON.parse(text), {
        errors: [{ code: 'E_INTERNAL', message: 'Internal server error', requestId }],
      })
      for (const leak of ['select', 'users', 'relation', '/work', 'node_modules', '.ts', 'at ']) {
        assert.notInclude(text.toLowerCase(), leak, `the body leaks "${leak}"`)
      }
      const log = await eventually(
        async () => server.output().includes(requestId!) && server.output(),
        10_000,
        () => `no log line names ${requestId}:\n${server.output()}`
      )
      assert.include(log, 'relation "users" does not exist', 'the log keeps the cause')
      assert.isTrue(server.alive())
    } finally {
      await server.stop()
    }
  }).timeout(90_000)

  test('debug pages appear only when a developer opts in with DEBUG_ERROR_PAGES', async ({
    assert,
  }) => {
    const server = await startServer(freshInstall({ DEBUG_ERROR_PAGES: 'true' }))
    try {
      const { response, text } = await login(server)
      assert.equal(response.status, 500)
      assert.include(text, 'relation')
    } finally {
      await server.stop()
    }
  }).timeout(90_000)
})
