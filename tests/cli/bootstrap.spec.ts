import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import Organization from '#models/organization'
import { resetDatabase } from '#tests/helpers/database'
import { chatctl, serverUrl } from '#tests/helpers/chatctl'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: organizations, invites and members`, (group) => {
    group.each.setup(() => resetDatabase())

    test('bootstraps an organization and its owner, invites, changes a role and lists members', async ({
      assert,
      client,
    }) => {
      const mode = await modeFor(modeName, assert)
      const created = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'org',
          'create',
          '--name',
          'Acme',
          '--slug',
          'acme',
          '--owner-email',
          'Ada@Acme.test',
        ]),
        'org:create'
      )
      assert.equal(created.organization.slug, 'acme')
      assert.equal(created.owner.email, 'ada@acme.test')
      assert.isTrue(created.ownerCreated)
      assert.isNull(created.oneTimePassword)
      const link = new URL(created.setPasswordLink)
      assert.match(link.pathname, /^\/reset-password\/[\w-]{43}$/)
      const days = (Date.parse(created.setPasswordExpiresAt) - Date.now()) / 86_400_000
      assert.isTrue(days > 6.9 && days <= 7, `expires in ${days} days`)

      // The owner opens the link and chooses a password; the link works once.
      const setPassword = { token: link.pathname.split('/').at(-1), password: 'ada chose this one' }
      const reset = await client.post('/auth/password/reset').json(setPassword)
      reset.assertStatus(200)
      const reused = await client.post('/auth/password/reset').json(setPassword)
      reused.assertStatus(404)
      const login = await client
        .post('/auth/login')
        .json({ email: 'ada@acme.test', password: 'ada chose this one' })
      login.assertStatus(200)
      const adaToken = login.body().data.token

      const invited = assertSuccess(
        assert,
        await chatctlJson(mode, ['invite', 'create', '--org', 'acme', 'bob@acme.test']),
        'invite:create'
      )
      const invite = invited.succeeded[0].result
      assert.equal(invite.email, 'bob@acme.test')
      assert.isTrue(invite.link.endsWith(`/invites/${invite.token}`), invite.link)

      const bob = await client.post('/auth/register').json({
        email: 'bob@acme.test',
        username: 'bob',
        password: 'correct horse battery',
      })
      bob.assertStatus(201)
      const accepted = await client
        .post(`/organizations/accept-invite/${invite.token}`)
        .bearerToken(bob.body().data.token)
      accepted.assertStatus(200)

      const role = assertSuccess(
        assert,
        await chatctlJson(mode, ['member', 'role', '--org', 'acme', 'bob', '--role', 'moderator']),
        'member:role'
      )
      assert.equal(role.role, 'moderator')

      const members = assertSuccess(
        assert,
        await chatctlJson(mode, ['member', 'list', '--org', 'acme']),
        'member:list'
      )
      assert.deepEqual(
        members.map((m: { user: { username: string }; role: string }) => [m.user.username, m.role]),
        [
          ['ada', 'owner'],
          ['bob', 'moderator'],
        ]
      )
      const viaApi = await client
        .get(`/organizations/${created.organization.id}/members`)
        .bearerToken(adaToken)
      viaApi.assertStatus(200)
      assert.deepEqual(
        viaApi.body().data.map((m: { role: string }) => m.role),
        ['owner', 'moderator']
      )

      const orgs = assertSuccess(assert, await chatctlJson(mode, ['org', 'list']), 'org:list')
      assert.deepEqual(
        orgs.map((o: { slug: string; memberCount: number }) => [o.slug, o.memberCount]),
        [['acme', 2]]
      )
    })

    test('--one-time-password gives a new owner a one-time password instead of a link', async ({
      assert,
      client,
    }) => {
      const mode = await modeFor(modeName, assert)
      const args = ['org', 'create', '--name', 'Acme', '--owner-email', 'ada@acme.test']
      const created = assertSuccess(
        assert,
        await chatctlJson(mode, [...args, '--one-time-password']),
        'org:create'
      )
      assert.isNull(created.setPasswordLink)
      assert.isNull(created.setPasswordExpiresAt)
      assert.lengthOf(created.oneTimePassword, 24)
      const login = await client
        .post('/auth/login')
        .json({ email: 'ada@acme.test', password: created.oneTimePassword })
      login.assertStatus(200)

      // An owner who already has an account gets neither.
      const second = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'org',
          'create',
          '--name',
          'Beta',
          '--owner-email',
          'ada@acme.test',
        ]),
        'org:create'
      )
      assert.deepInclude(second, {
        ownerCreated: false,
        oneTimePassword: null,
        setPasswordLink: null,
        setPasswordExpiresAt: null,
      })
    })

    test('reports each failed item of a batch and exits 5', async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      assertSuccess(
        assert,
        await chatctlJson(mode, [
          'org',
          'create',
          '--name',
          'Acme',
          '--owner-email',
          'ada@acme.test',
        ]),
        'org:create'
      )
      assertSuccess(
        assert,
        await chatctlJson(mode, [
          'user',
          'create',
          '--email',
          'carl@acme.test',
          '--username',
          'carl',
        ]),
        'user:create'
      )
      const run = await chatctlJson(mode, [
        'member',
        'add',
        '--org',
        'acme',
        'carl',
        'nobody',
        'ada',
      ])
      const result = assertSuccess(assert, run, 'member:add', 5)
      assert.deepEqual(
        result.succeeded.map((s: { item: string }) => s.item),
        ['carl']
      )
      assert.deepEqual(
        result.failed.map((f: { item: string; code: string }) => [f.item, f.code]),
        [
          ['nobody', 'E_NOT_FOUND'],
          ['ada', 'E_ALREADY_MEMBER'],
        ]
      )
      assert.lengthOf(run.json.warnings, 2)
    })

    test('needs --confirm to delete, then deletes', async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      await chatctlJson(mode, ['org', 'create', '--name', 'Acme', '--owner-email', 'ada@acme.test'])
      assertFailure(
        assert,
        await chatctlJson(mode, ['org', 'delete', 'acme']),
        'E_CONFIRM_REQUIRED',
        2
      )
      assert.isNotNull(await Organization.findBy('slug', 'acme'))

      const deleted = assertSuccess(
        assert,
        await chatctlJson(mode, ['org', 'delete', 'acme', '--confirm']),
        'org:delete'
      )
      assert.deepInclude(deleted.succeeded[0].result, { slug: 'acme', members: 1, rooms: 0 })
      assert.isNull(await Organization.findBy('slug', 'acme'))
      assertFailure(assert, await chatctlJson(mode, ['org', 'show', 'acme']), 'E_NOT_FOUND', 1)
    })

    test('rejects bad input with the server validation code', async ({ assert }) => {
      const mode = await modeFor(modeName, assert)
      const run = await chatctlJson(mode, [
        'org',
        'create',
        '--name',
        'Acme',
        '--owner-email',
        'nope',
      ])
      assertFailure(assert, run, 'E_VALIDATION_ERROR', 2)
      assert.include(run.json.message, 'ownerEmail')
      assert.lengthOf(await Organization.all(), 0)
    })
  })
}

test.group('chatctl remote: authentication', (group) => {
  group.each.setup(() => resetDatabase())

  test('a wrong token is E_UNAUTHORIZED with exit 3', async ({ assert }) => {
    const run = await chatctl([
      'org',
      'list',
      '--url',
      serverUrl(),
      '--token',
      'pla_wrong',
      '--json',
    ])
    assertFailure(assert, run, 'E_UNAUTHORIZED', 3)
  })

  test('a user API token does not open the admin API', async ({ assert, client }) => {
    const registered = await client.post('/auth/register').json({
      email: 'eve@acme.test',
      username: 'eve',
      password: 'correct horse battery',
    })
    const token = registered.body().data.token
    const run = await chatctl(['org', 'list', '--url', serverUrl(), '--token', token, '--json'])
    assertFailure(assert, run, 'E_UNAUTHORIZED', 3)
  })

  test('CHATCTL_URL and CHATCTL_TOKEN select remote mode; a revoked token stops working', async ({
    assert,
  }) => {
    await modeFor('remote', assert)
    const issued = assertSuccess(
      assert,
      await chatctl(['token', 'create', '--user', 'ops', '--name', 'laptop', '--json']),
      'token:create'
    )
    const connection = { CHATCTL_URL: serverUrl(), CHATCTL_TOKEN: issued.token }
    assertSuccess(assert, await chatctl(['org', 'list', '--json'], connection), 'org:list')
    const revoked = await chatctl(['token', 'revoke', String(issued.id), '--confirm', '--json'])
    assertSuccess(assert, revoked, 'token:revoke')
    assertFailure(assert, await chatctl(['org', 'list', '--json'], connection), 'E_UNAUTHORIZED', 3)
  })

  test('an unreachable server is E_CONNECTION_FAILED with exit 4', async ({ assert }) => {
    const run = await chatctl([
      'health',
      '--url',
      'http://127.0.0.1:3499',
      '--token',
      'x',
      '--json',
    ])
    assertFailure(assert, run, 'E_CONNECTION_FAILED', 4)
  })
})

test.group('chatctl: local and remote agree', (group) => {
  group.each.setup(() => resetDatabase())

  test('prints the same result in both modes, through the admin socket or in-process', async ({
    assert,
  }) => {
    const remote = await modeFor('remote', assert)
    const local = await modeFor('local', assert)
    await chatctlJson(local, ['org', 'create', '--name', 'Acme', '--owner-email', 'ada@acme.test'])
    const inProcess = { ADMIN_SOCKET_PATH: join(tmpdir(), `parley-none-${randomUUID()}.sock`) }
    for (const args of [
      ['org', 'show', 'acme'],
      ['member', 'list', '--org', 'acme'],
      ['user', 'show', 'ada'],
      ['key', 'status'],
    ]) {
      const [a, b, c] = await Promise.all([
        chatctlJson(local, args),
        chatctlJson(remote, args),
        chatctlJson(local, args, inProcess),
      ])
      assert.equal(a.code, 0, a.stderr)
      assert.deepEqual(a.json, b.json, args.join(' '))
      assert.deepEqual(c.json, b.json, `${args.join(' ')} (in-process)`)
    }
    // Thirteen chatctl processes, a third of them booting the application.
  }).timeout(300_000)
})
