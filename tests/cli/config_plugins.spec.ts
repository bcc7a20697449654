import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { chatctl, serverUrl } from '#tests/helpers/chatctl'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

const local = { name: 'local' } as const

/** A socket path no server listens on: local mode runs in this process. */
const noServer = () => join(tmpdir(), `parley-none-${randomUUID()}.sock`)

/** A valid env file for a server (as `npm start` writes one), plus `extra` lines. */
function envFile(directory: string, extra: string[] = []) {
  const file = join(directory, '.env')
  writeFileSync(
    file,
    [
      'NODE_ENV=production',
      'PORT=3000',
      'HOST=127.0.0.1',
      'APP_KEY=app-key-that-is-secret-0123456789',
      'LOG_LEVEL=info',
      `ENCRYPTION_KEYS=v1:${Buffer.alloc(32, 7).toString('base64')}`,
      'DATABASE_URL=postgres://parley:hunter2@db.internal:5432/parley',
      ...extra,
      '',
    ].join('\n')
  )
  return file
}

/**
 * The child sees only the env file of a temporary ENV_PATH: none of the test
 * process's own settings leak in (they would win over the file).
 */
function isolated(directory: string) {
  const blank: Record<string, string | undefined> = {}
  for (const key of [
    'NODE_ENV',
    'PORT',
    'HOST',
    'APP_KEY',
    'LOG_LEVEL',
    'ENCRYPTION_KEYS',
    'DATABASE_URL',
    'DB_HOST',
    'DB_PORT',
    'DB_USER',
    'DB_DATABASE',
    'DB_PASSWORD',
    'PARLEY_PLUGINS',
    'MEDIA_S3_BUCKET',
    'APP_URL',
  ]) {
    blank[key] = undefined
  }
  return { ...blank, ENV_PATH: directory, ADMIN_SOCKET_PATH: noServer() }
}

function tempDir(cleanup: (fn: () => void) => void) {
  const directory = mkdtempSync(join(tmpdir(), 'parley-config-'))
  cleanup(() => rmSync(directory, { recursive: true, force: true }))
  return directory
}

test.group('chatctl config show', (group) => {
  group.each.setup(() => resetDatabase())

  test("shows the running server's settings, the same locally and remotely, secrets masked", async ({
    assert,
  }) => {
    const remote = await modeFor('remote', assert)
    const [viaSocket, viaHttp] = await Promise.all([
      chatctlJson(local, ['config', 'show']),
      chatctlJson(remote, ['config', 'show']),
    ])
    const settings = assertSuccess(assert, viaSocket, 'config:show')
    assertSuccess(assert, viaHttp, 'config:show')
    assert.deepEqual(viaSocket.json, viaHttp.json)
    const byName = new Map<string, any>(settings.map((s: { name: string }) => [s.name, s]))
    assert.deepEqual(byName.get('APP_KEY'), {
      name: 'APP_KEY',
      value: '********',
      secret: true,
      plugin: null,
    })
    assert.equal(byName.get('ENCRYPTION_KEYS').value, '********')
    assert.equal(byName.get('PORT').value, String(new URL(serverUrl()).port))
    assert.notInclude(viaSocket.stdout, process.env.APP_KEY!)
  }).timeout(120_000)

  test('with no server it reads the env files without booting, secrets and URL passwords masked', async ({
    assert,
    cleanup,
  }) => {
    const directory = tempDir(cleanup)
    envFile(directory, [
      'PARLEY_PLUGINS=media-s3',
      'MEDIA_S3_BUCKET=parley-media',
      'MEDIA_S3_SECRET=s3-secret-by-name',
    ])
    const run = await chatctlJson(local, ['config', 'show'], isolated(directory))
    const settings = assertSuccess(assert, run, 'config:show')
    const value = (name: string) =>
      settings.find((s: { name: string }) => s.name === name)?.value as string | null
    assert.equal(value('PORT'), '3000')
    assert.equal(value('APP_KEY'), '********')
    assert.equal(value('ENCRYPTION_KEYS'), '********')
    assert.equal(value('DATABASE_URL'), 'postgres://parley:********@db.internal:5432/parley')
    assert.equal(value('SMTP_HOST'), null)
    assert.deepInclude(settings, {
      name: 'MEDIA_S3_BUCKET',
      value: 'parley-media',
      secret: false,
      plugin: 'media-s3',
    })
    // A plugin's plain-string setting is masked by its name alone.
    assert.deepInclude(settings, {
      name: 'MEDIA_S3_SECRET',
      value: '********',
      secret: true,
      plugin: 'media-s3',
    })
    assert.notInclude(run.stdout, 's3-secret-by-name')
    assert.notInclude(run.stdout, 'hunter2')
    assert.notInclude(run.stdout, 'app-key-that-is-secret')
  }).timeout(120_000)
})

test.group('chatctl config check', () => {
  test('a valid env file passes with exit 0', async ({ assert, cleanup }) => {
    const directory = tempDir(cleanup)
    const file = envFile(directory)
    const run = await chatctlJson(local, ['config', 'check'], isolated(directory))
    const result = assertSuccess(assert, run, 'config:check')
    assert.deepEqual(result, { files: [file], valid: true, problems: [] })
  })

  test('lists every problem at once and exits 8, without booting', async ({ assert, cleanup }) => {
    const directory = tempDir(cleanup)
    const file = join(directory, 'broken.env')
    writeFileSync(
      file,
      ['NODE_ENV=staging', 'PORT=eighty', 'HOST=127.0.0.1', 'PARLEY_PLUGINS=media-s3,nope'].join(
        '\n'
      )
    )
    const run = await chatctlJson(
      local,
      ['config', 'check', '--env-path', file],
      isolated(directory)
    )
    const result = assertSuccess(assert, run, 'config:check', 8)
    assert.isFalse(result.valid)
    assert.deepEqual(result.files, [file])
    assert.deepEqual(
      result.problems.map((p: { variable: string }) => p.variable),
      [
        'NODE_ENV',
        'PORT',
        'APP_KEY',
        'LOG_LEVEL',
        'ENCRYPTION_KEYS',
        'PARLEY_PLUGINS',
        'MEDIA_S3_BUCKET',
      ]
    )
    assert.include(result.problems[5].message, 'Unknown plugin "nope"')
    const human = await chatctl(['config', 'check', '--env-path', file], isolated(directory))
    assert.equal(human.code, 8)
    assert.match(human.stdout, /^PORT +"PORT" env variable must be a number/m)
  })

  test('is refused remotely with E_LOCAL_ONLY', async ({ assert }) => {
    const run = await chatctl(['config', 'check', '--url', serverUrl(), '--token', 'x', '--json'])
    assertFailure(assert, run, 'E_LOCAL_ONLY', 2)
  })
})

test.group('chatctl plugin enable and disable', () => {
  test('enable adds the id to PARLEY_PLUGINS, keeping the other lines; disable removes it', async ({
    assert,
    cleanup,
  }) => {
    const directory = tempDir(cleanup)
    const file = envFile(directory, ['# a comment', 'PARLEY_PLUGINS=e2e-keys'])
    const before = readFileSync(file, 'utf8')
    const settings = isolated(directory)

    const enabled = await chatctlJson(local, ['plugin', 'enable', 'link-previews'], settings)
    assert.deepEqual(assertSuccess(assert, enabled, 'plugin:enable'), {
      id: 'link-previews',
      enabled: true,
      changed: true,
      plugins: ['e2e-keys', 'link-previews'],
      envFile: file,
      restartRequired: true,
      overriddenByEnvironment: false,
    })
    assert.include(enabled.json.warnings, 'Restart the server (every node) to apply the change.')
    assert.equal(
      readFileSync(file, 'utf8'),
      before.replace('PARLEY_PLUGINS=e2e-keys', 'PARLEY_PLUGINS=e2e-keys,link-previews')
    )
    assert.equal(statSync(file).mode & 0o777, 0o600)

    const again = await chatctlJson(local, ['plugin', 'enable', 'link-previews'], settings)
    assert.isFalse(assertSuccess(assert, again, 'plugin:enable').changed)
    assert.deepEqual(again.json.warnings, [])

    const disabled = await chatctlJson(local, ['plugin', 'disable', 'e2e-keys'], settings)
    assert.deepInclude(assertSuccess(assert, disabled, 'plugin:disable'), {
      enabled: false,
      changed: true,
      plugins: ['link-previews'],
    })
    assert.include(readFileSync(file, 'utf8'), '\nPARLEY_PLUGINS=link-previews\n')
    assert.include(readFileSync(file, 'utf8'), '# a comment')

    const check = await chatctlJson(local, ['config', 'check'], settings)
    assert.isTrue(assertSuccess(assert, check, 'config:check').valid)
  })

  test("enable validates the plugin's settings first and writes nothing when they fail", async ({
    assert,
    cleanup,
  }) => {
    const directory = tempDir(cleanup)
    const file = envFile(directory)
    const before = readFileSync(file, 'utf8')
    const settings = isolated(directory)

    const refused = await chatctlJson(local, ['plugin', 'enable', 'media-s3'], settings)
    assertFailure(assert, refused, 'E_PLUGIN_CONFIG', 1)
    assert.include(refused.json.message, 'MEDIA_S3_BUCKET is not set')
    assert.equal(readFileSync(file, 'utf8'), before)

    assertFailure(
      assert,
      await chatctlJson(local, ['plugin', 'enable', 'nope'], settings),
      'E_NOT_FOUND',
      1
    )

    const withBucket = await chatctlJson(local, ['plugin', 'enable', 'media-s3'], {
      ...settings,
      MEDIA_S3_BUCKET: 'parley-media',
    })
    assert.deepEqual(assertSuccess(assert, withBucket, 'plugin:enable').plugins, ['media-s3'])
    assert.include(readFileSync(file, 'utf8'), 'PARLEY_PLUGINS=media-s3\n')
  })

  test('both are refused remotely with E_LOCAL_ONLY', async ({ assert }) => {
    for (const verb of ['enable', 'disable']) {
      const run = await chatctl([
        'plugin',
        verb,
        'link-previews',
        '--url',
        serverUrl(),
        '--token',
        'x',
        '--json',
      ])
      assertFailure(assert, run, 'E_LOCAL_ONLY', 2)
    }
  })
})

test.group('chatctl plugin list', (group) => {
  group.each.setup(() => resetDatabase())

  test('lists the known plugins that are not enabled too, the same locally and remotely', async ({
    assert,
  }) => {
    const remote = await modeFor('remote', assert)
    const [a, b] = await Promise.all([
      chatctlJson(local, ['plugin', 'list']),
      chatctlJson(remote, ['plugin', 'list']),
    ])
    const rows = assertSuccess(assert, a, 'plugin:list')
    assert.deepEqual(a.json, b.json)
    const mediaS3 = rows.find((row: { id: string }) => row.id === 'media-s3')
    assert.deepInclude(mediaS3, { enabled: false, state: 'disabled', healthy: false })
    assert.sameMembers(
      rows.map((row: { id: string }) => row.id),
      ['media-s3', 'push-fcm', 'e2e-keys', 'link-previews']
    )
  }).timeout(120_000)
})
