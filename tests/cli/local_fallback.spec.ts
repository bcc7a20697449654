import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import env from '#start/env'
import { resetDatabase } from '#tests/helpers/database'
import { chatctl } from '#tests/helpers/chatctl'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { assertFailure, assertSuccess, chatctlJson } from './cli_fixtures.js'

const local = { name: 'local' } as const

/** A socket path no server listens on: local mode must fall back to in-process. */
const noServer = () => ({ ADMIN_SOCKET_PATH: join(tmpdir(), `parley-none-${process.pid}.sock`) })

/**
 * The system's PATH without node_modules/.bin, so `./bin/chatctl.js` meets
 * the system Node first, as an admin's shell does.
 */
const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin'

test.group('chatctl local with no server: finding the database', (group) => {
  group.each.setup(() => resetDatabase())

  test('an unreachable database is exit 4 saying what was tried and how to point it, no stack', async ({
    assert,
  }) => {
    const settings = { ...noServer(), DB_PORT: '1', PATH: SYSTEM_PATH }
    const run = await chatctlJson(local, ['org', 'list'], settings)
    assertFailure(assert, run, 'E_CONNECTION_FAILED', 4)
    assert.include(run.json.message, `DB_* settings (postgres@127.0.0.1:1/`)
    assert.include(run.json.message, 'ECONNREFUSED')
    assert.isTrue(run.json.actions.some((a: string) => a.includes('DATABASE_URL')))

    const human = await chatctl(['org', 'list'], settings)
    assert.equal(human.code, 4)
    assert.include(human.stderr, 'Error (E_CONNECTION_FAILED): No Parley server answered')
    assert.include(human.stderr, 'Try: Start the server (npm start)')
    assert.notMatch(human.stderr, /^\s+at /m)
  })

  test('without DATABASE_URL and DB_HOST it starts the embedded database as npm start does', async ({
    assert,
    cleanup,
  }) => {
    const directory = mkdtempSync(join(tmpdir(), 'parley-embedded-'))
    cleanup(() => rmSync(directory, { recursive: true, force: true }))
    const embedded = {
      ...noServer(),
      PATH: SYSTEM_PATH,
      NODE_ENV: 'development',
      ENV_PATH: directory,
      EMBEDDED_DB_DIR: join(directory, 'db'),
      EMBEDDED_DB_PORT: String(env.get('PORT') + 90),
      DB_HOST: undefined,
      DB_PORT: undefined,
      DB_USER: undefined,
      DB_DATABASE: undefined,
      DATABASE_URL: undefined,
      APP_URL: 'https://chat.acme.test',
    }
    const migrated = await chatctl(['db', 'migrate', '--json'], embedded)
    assert.isNotEmpty(assertSuccess(assert, migrated, 'db:migrate').migrated)
    assert.isTrue(existsSync(join(directory, 'db')))

    const created = await chatctl(
      ['org', 'create', '--name', 'Acme', '--owner-email', 'ada@acme.test', '--json'],
      embedded
    )
    assert.equal(assertSuccess(assert, created, 'org:create').organization.slug, 'acme')
  }).timeout(300_000)
})

test.group('chatctl local with no server: invite links', (group) => {
  group.each.setup(() => resetDatabase())

  test('use APP_URL, and warn when it is unset', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const args = ['invite', 'create', '--org', org.slug, 'bob@acme.test']

    const withUrl = await chatctlJson(local, args, {
      ...noServer(),
      APP_URL: 'https://chat.acme.test/',
    })
    const invite = assertSuccess(assert, withUrl, 'invite:create').succeeded[0].result
    assert.equal(invite.link, `https://chat.acme.test/invites/${invite.token}`)
    assert.deepEqual(withUrl.json.warnings, [])

    const withoutUrl = await chatctlJson(local, args, noServer())
    assertSuccess(assert, withoutUrl, 'invite:create')
    assert.lengthOf(withoutUrl.json.warnings, 1)
    assert.include(withoutUrl.json.warnings[0], 'APP_URL is not set')
  }).timeout(300_000)
})
