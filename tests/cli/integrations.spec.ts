import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { serverUrl } from '#tests/helpers/chatctl'
import { groupRoom } from '#tests/helpers/sockets'
import User from '#models/user'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

/** GET /users/me with a bearer token against the suite's server: its status and user. */
async function me(token: string) {
  const response = await fetch(`${serverUrl()}/users/me`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return { status: response.status, body: (await response.json()) as any }
}

test.group('chatctl bot and webhook', (group) => {
  group.each.setup(() => resetDatabase())

  for (const name of ['local', 'remote'] as const) {
    test(`${name}: creates a bot, issues a key that works, lists and revokes it`, async ({
      assert,
    }) => {
      const mode = await modeFor(name, assert)
      const owner = await createUserWithToken()
      const org = await createOrgWith(owner.user, { slug: 'acme' })
      const bot = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'bot',
          'create',
          '--org',
          'acme',
          'deploy-bot',
          '--display-name',
          'Deploy',
        ]),
        'bot:create'
      )
      assert.isTrue(bot.isBot)
      assert.equal(bot.organizationId, org.id)
      const key = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'bot',
          'key',
          'create',
          '--org',
          'acme',
          '--bot',
          'deploy-bot',
          '--name',
          'ci',
        ]),
        'bot:key:create'
      )
      const used = await me(key.secret)
      assert.equal(used.status, 200)
      assert.isTrue(used.body.data.isBot)

      const keys = assertSuccess(
        assert,
        await chatctlJson(mode, ['bot', 'key', 'list', '--org', 'acme', '--bot', bot.id]),
        'bot:key:list'
      )
      assert.deepEqual(
        keys.map((row: { id: string }) => row.id),
        [key.id]
      )
      assert.notMatch(JSON.stringify(keys), /plr_/)
      const bots = assertSuccess(
        assert,
        await chatctlJson(mode, ['bot', 'list', '--org', 'acme']),
        'bot:list'
      )
      assert.deepEqual(
        bots.map((row: { username: string }) => row.username),
        ['deploy-bot']
      )

      const revoke = ['bot', 'key', 'revoke', '--org', 'acme', '--bot', 'deploy-bot', key.id]
      assertFailure(assert, await chatctlJson(mode, revoke), 'E_CONFIRM_REQUIRED', 2)
      const beforeRevoke = await me(key.secret)
      assert.equal(beforeRevoke.status, 200)
      assertSuccess(assert, await chatctlJson(mode, [...revoke, '--confirm']), 'bot:key:revoke')
      const afterRevoke = await me(key.secret)
      assert.equal(afterRevoke.status, 401)
      assertSuccess(
        assert,
        await chatctlJson(mode, ['bot', 'delete', '--org', 'acme', 'deploy-bot', '--confirm']),
        'bot:delete'
      )
    })

    test(`${name}: subscribes a webhook, lists it and its deliveries, enables and deletes it`, async ({
      assert,
    }) => {
      const mode = await modeFor(name, assert)
      const owner = await createUserWithToken()
      await createOrgWith(owner.user, { slug: 'acme' })
      const webhook = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'webhook',
          'create',
          '--org',
          'acme',
          '--endpoint',
          'https://hooks.example.com/parley',
          '--event',
          'message.created',
          '--event',
          'member.joined',
        ]),
        'webhook:create'
      )
      assert.match(webhook.secret, /^whsec_/)
      assert.deepEqual(webhook.events, ['message.created', 'member.joined'])
      const listed = assertSuccess(
        assert,
        await chatctlJson(mode, ['webhook', 'list', '--org', 'acme']),
        'webhook:list'
      )
      assert.lengthOf(listed, 1)
      assert.notProperty(listed[0], 'secret')
      const deliveries = assertSuccess(
        assert,
        await chatctlJson(mode, ['webhook', 'deliveries', '--org', 'acme', webhook.id]),
        'webhook:deliveries'
      )
      assert.deepEqual(deliveries, [])
      const enabled = assertSuccess(
        assert,
        await chatctlJson(mode, ['webhook', 'enable', '--org', 'acme', webhook.id]),
        'webhook:enable'
      )
      assert.isTrue(enabled.enabled)
      const invalid = await chatctlJson(mode, [
        'webhook',
        'create',
        '--org',
        'acme',
        '--endpoint',
        'ftp://x.example.com',
        '--event',
        'message.created',
      ])
      assertFailure(assert, invalid, 'E_VALIDATION_ERROR', 2)
      const remove = ['webhook', 'delete', '--org', 'acme', webhook.id]
      assertFailure(assert, await chatctlJson(mode, remove), 'E_CONFIRM_REQUIRED', 2)
      assertSuccess(assert, await chatctlJson(mode, [...remove, '--confirm']), 'webhook:delete')
    })

    test(`${name}: rotates a webhook's secret, manages incoming webhooks and slash commands`, async ({
      assert,
    }) => {
      const mode = await modeFor(name, assert)
      const owner = await createUserWithToken()
      const org = await createOrgWith(owner.user, { slug: 'acme' })
      await createOrgWith(owner.user, { slug: 'other' })
      const webhook = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'webhook',
          'create',
          '--org',
          'acme',
          '--endpoint',
          'https://hooks.example.com/parley',
          '--event',
          'message.created',
        ]),
        'webhook:create'
      )
      const rotated = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'webhook',
          'rotate-secret',
          '--org',
          'acme',
          webhook.id,
          '--grace-seconds',
          '60',
        ]),
        'webhook:rotate-secret'
      )
      assert.match(rotated.secret, /^whsec_/)
      assert.notEqual(rotated.secret, webhook.secret)

      assertSuccess(
        assert,
        await chatctlJson(mode, ['bot', 'create', '--org', 'acme', 'alerts-bot']),
        'bot:create'
      )
      const bot = await User.findByOrFail('username', 'alerts-bot')
      const room = await groupRoom(org, owner.user, [bot])
      const hook = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'webhook',
          'incoming',
          'create',
          '--org',
          'acme',
          '--name',
          'Alerts',
          '--room',
          room.id,
          '--bot',
          'alerts-bot',
        ]),
        'webhook:incoming:create'
      )
      assert.match(hook.url, /\/hooks\/incoming\/[\w-]+$/)
      const posted = await fetch(`${serverUrl()}/hooks/incoming/${hook.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'from chatctl' }),
      })
      assert.equal(posted.status, 201)
      const hooks = assertSuccess(
        assert,
        await chatctlJson(mode, ['webhook', 'incoming', 'list', '--org', 'acme']),
        'webhook:incoming:list'
      )
      assert.deepEqual(
        hooks.map((h: any) => [h.id, 'token' in h]),
        [[hook.id, false]]
      )

      const command = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'command',
          'create',
          '--org',
          'acme',
          'deploy',
          '--endpoint',
          'https://ci.example.com/slash',
          '--bot',
          'alerts-bot',
          '--usage',
          '<service>',
          '--room',
          room.id,
        ]),
        'command:create'
      )
      assert.equal(command.name, 'deploy')
      assert.deepEqual(command.roomIds, [room.id])
      assert.match(command.secret, /^whsec_/)
      const commands = assertSuccess(
        assert,
        await chatctlJson(mode, ['command', 'list', '--org', 'acme']),
        'command:list'
      )
      assert.deepEqual(
        commands.map((c: any) => [c.name, c.usageHint, 'secret' in c]),
        [['deploy', '<service>', false]]
      )
      const updated = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'command',
          'update',
          '--org',
          'acme',
          'deploy',
          '--endpoint',
          'https://ci.example.com/slash/v2',
          '--usage',
          '',
          '--all-rooms',
        ]),
        'command:update'
      )
      assert.containsSubset(updated, {
        id: command.id,
        url: 'https://ci.example.com/slash/v2',
        usageHint: null,
        roomIds: null,
      })
      assert.notProperty(updated, 'secret')
      const restricted = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'command',
          'update',
          '--org',
          'acme',
          command.id,
          '--room',
          room.id,
        ]),
        'command:update'
      )
      assert.deepEqual(restricted.roomIds, [room.id])
      assertFailure(
        assert,
        await chatctlJson(mode, [
          'command',
          'update',
          '--org',
          'acme',
          'deploy',
          '--endpoint',
          'nope',
        ]),
        'E_VALIDATION_ERROR',
        2
      )
      const invalid = await chatctlJson(mode, [
        'command',
        'create',
        '--org',
        'acme',
        'bad name',
        '--endpoint',
        'https://ci.example.com/slash',
        '--bot',
        'alerts-bot',
      ])
      assertFailure(assert, invalid, 'E_VALIDATION_ERROR', 2)

      for (const args of [
        ['webhook', 'rotate-secret', '--org', 'other', webhook.id],
        ['webhook', 'incoming', 'delete', '--org', 'other', hook.id, '--confirm'],
        ['command', 'delete', '--org', 'other', 'deploy', '--confirm'],
        ['command', 'update', '--org', 'other', 'deploy', '--description', 'x'],
        [
          'command',
          'create',
          '--org',
          'other',
          'x',
          '--endpoint',
          'https://e.example.com',
          '--bot',
          'alerts-bot',
        ],
      ]) {
        assertFailure(assert, await chatctlJson(mode, args), 'E_NOT_FOUND', 1)
      }

      const removeHook = ['webhook', 'incoming', 'delete', '--org', 'acme', hook.id]
      assertFailure(assert, await chatctlJson(mode, removeHook), 'E_CONFIRM_REQUIRED', 2)
      assertSuccess(
        assert,
        await chatctlJson(mode, [...removeHook, '--confirm']),
        'webhook:incoming:delete'
      )
      const removeCommand = ['command', 'delete', '--org', 'acme', 'deploy']
      assertFailure(assert, await chatctlJson(mode, removeCommand), 'E_CONFIRM_REQUIRED', 2)
      assertSuccess(
        assert,
        await chatctlJson(mode, [...removeCommand, '--confirm']),
        'command:delete'
      )
      const actions = await db
        .from('audit_events')
        .where('organization_id', org.id)
        .whereIn('action', [
          'webhook.secret_rotated',
          'incoming_webhook.created',
          'incoming_webhook.deleted',
          'command.created',
          'command.updated',
          'command.deleted',
        ])
        .orderBy('id')
        .select('action', 'door')
      assert.deepEqual(
        actions.map((a) => a.action),
        [
          'webhook.secret_rotated',
          'incoming_webhook.created',
          'command.created',
          'command.updated',
          'command.updated',
          'incoming_webhook.deleted',
          'command.deleted',
        ]
      )
    })

    test(`${name}: another organization's bot and webhook are not found`, async ({ assert }) => {
      const mode = await modeFor(name, assert)
      const owner = await createUserWithToken()
      await createOrgWith(owner.user, { slug: 'acme' })
      await createOrgWith(owner.user, { slug: 'other' })
      assertSuccess(
        assert,
        await chatctlJson(mode, ['bot', 'create', '--org', 'acme', 'acme-bot']),
        'bot:create'
      )
      const webhook = assertSuccess(
        assert,
        await chatctlJson(mode, [
          'webhook',
          'create',
          '--org',
          'acme',
          '--endpoint',
          'https://h.example.com',
          '--event',
          'message.created',
        ]),
        'webhook:create'
      )
      for (const args of [
        ['bot', 'key', 'list', '--org', 'other', '--bot', 'acme-bot'],
        ['bot', 'key', 'create', '--org', 'other', '--bot', 'acme-bot', '--name', 'x'],
        ['bot', 'delete', '--org', 'other', 'acme-bot', '--confirm'],
        ['webhook', 'deliveries', '--org', 'other', webhook.id],
        ['webhook', 'enable', '--org', 'other', webhook.id],
        ['webhook', 'delete', '--org', 'other', webhook.id, '--confirm'],
      ]) {
        assertFailure(assert, await chatctlJson(mode, args), 'E_NOT_FOUND', 1)
      }
    })
  }
})
