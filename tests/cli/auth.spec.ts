import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { chatctl, serverUrl } from '#tests/helpers/chatctl'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

test.group('chatctl auth: saved connections for remote mode', (group) => {
  group.each.setup(() => resetDatabase())

  test('login saves an owner-only profile that later commands use; list hides tokens; logout forgets it', async ({
    assert,
    cleanup,
  }) => {
    const remote = await modeFor('remote', assert)
    if (remote.name !== 'remote') throw new Error('expected a remote mode')
    const directory = mkdtempSync(join(tmpdir(), 'parley-auth-'))
    cleanup(() => rmSync(directory, { recursive: true, force: true }))
    const file = join(directory, 'chatctl', 'profiles.json')
    const config = { CHATCTL_CONFIG: file }

    const login = await chatctl(
      ['auth', 'login', '--url', serverUrl(), '--token', remote.token, '--json'],
      config
    )
    assert.deepEqual(assertSuccess(assert, login, 'auth:login'), {
      profile: 'default',
      url: serverUrl(),
      current: true,
      file,
      tokenId: null,
    })
    assert.equal(statSync(file).mode & 0o777, 0o600)
    assert.equal(statSync(join(directory, 'chatctl')).mode & 0o777, 0o700)
    assert.notInclude(login.stdout, remote.token)

    // Without --url or --token, the command runs remotely with the saved profile.
    await chatctlJson({ name: 'local' }, [
      'org',
      'create',
      '--name',
      'Acme',
      '--owner-email',
      'ada@acme.test',
    ])
    const [viaProfile, viaFlags] = await Promise.all([
      chatctl(['org', 'list', '--json'], config),
      chatctlJson(remote, ['org', 'list']),
    ])
    assertSuccess(assert, viaProfile, 'org:list')
    assert.deepEqual(viaProfile.json, viaFlags.json)
    // …which really is remote: a server that is gone is E_CONNECTION_FAILED, --local still works.
    const named = await chatctl(
      ['auth', 'login', '--profile', 'gone', '--url', 'http://127.0.0.1:3499', '--token', 'x'],
      config
    )
    assert.equal(named.code, 4)
    assertFailure(
      assert,
      await chatctl(['org', 'list', '--json', '--profile', 'nope'], config),
      'E_USAGE',
      2
    )
    assertSuccess(assert, await chatctl(['org', 'list', '--local', '--json'], config), 'org:list')

    const list = await chatctl(['auth', 'list', '--json'], config)
    assert.deepEqual(assertSuccess(assert, list, 'auth:list'), [
      { profile: 'default', url: serverUrl(), current: true },
    ])
    assert.notInclude(list.stdout, remote.token)
    assert.include(readFileSync(file, 'utf8'), remote.token)

    const logout = await chatctl(['auth', 'logout', '--json'], config)
    assert.deepEqual(assertSuccess(assert, logout, 'auth:logout'), {
      profile: 'default',
      current: null,
    })
    assert.deepEqual(
      assertSuccess(assert, await chatctl(['auth', 'list', '--json'], config), 'auth:list'),
      []
    )
  }).timeout(180_000)

  test('on the server host, login --user creates an admin token and finds the URL in the settings', async ({
    assert,
    cleanup,
  }) => {
    await modeFor('remote', assert)
    const directory = mkdtempSync(join(tmpdir(), 'parley-auth-'))
    cleanup(() => rmSync(directory, { recursive: true, force: true }))
    const config = { CHATCTL_CONFIG: join(directory, 'profiles.json') }
    const login = await chatctl(['auth', 'login', '--user', 'ops', '--json'], config)
    const result = assertSuccess(assert, login, 'auth:login')
    assert.equal(result.url, serverUrl())
    const tokens = assertSuccess(
      assert,
      await chatctl(['token', 'list', '--json'], config),
      'token:list'
    )
    assert.include(
      tokens.map((t: { id: number; name: string }) => [t.id, t.name]).map(String),
      String([result.tokenId, 'chatctl auth login (default)'])
    )
    const notAdmin = await chatctl(['auth', 'login', '--user', 'nobody', '--json'], config)
    assertFailure(assert, notAdmin, 'E_NOT_FOUND', 1)
  }).timeout(180_000)

  test('login with a wrong token is E_UNAUTHORIZED and saves nothing', async ({
    assert,
    cleanup,
  }) => {
    const directory = mkdtempSync(join(tmpdir(), 'parley-auth-'))
    cleanup(() => rmSync(directory, { recursive: true, force: true }))
    const file = join(directory, 'profiles.json')
    const run = await chatctl(
      ['auth', 'login', '--url', serverUrl(), '--token', 'pla_wrong', '--json'],
      { CHATCTL_CONFIG: file }
    )
    assertFailure(assert, run, 'E_UNAUTHORIZED', 3)
    assert.isFalse(existsSync(file))
  })
})
