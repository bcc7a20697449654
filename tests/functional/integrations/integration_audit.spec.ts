import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import { as, chatOrg, groupRoom } from '../chat/chat_fixtures.js'

/*
 * Credentials and endpoints that act for an organization are audited when
 * they are made and unmade (issue 19, "Audit log": API-key creation and
 * revocation; likewise bots, webhooks and incoming webhooks), with the
 * acting admin, the target and the caller's IP, and never a secret.
 */
test.group('Audit of integrations', (group) => {
  group.each.setup(() => resetDatabase())

  test('bots, API keys, webhooks and incoming webhooks are audited, without secrets', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const base = `/organizations/${org.id}`
    const call = (method: 'post' | 'delete', path: string, body?: object) => {
      const request = as(client, owner, org, method, `${base}${path}`)
      return body ? request.json(body) : request
    }
    /** A created resource's JSON. */
    const create = async (path: string, body: object) => {
      const response = await expectStatus(call('post', path, body), 201)
      return response.body().data
    }
    const bot = await create('/bots', { username: 'audit-bot' })
    const key = await create(`/bots/${bot.id}/keys`, { name: 'ci' })
    await expectStatus(call('delete', `/bots/${bot.id}/keys/${key.id}`), 204)
    const hook = await create('/webhooks', {
      url: 'https://h.example.com',
      events: ['message.created'],
    })
    await expectStatus(call('delete', `/webhooks/${hook.id}`), 204)
    const room = await groupRoom(org, owner, [alice], 'alerts')
    await expectStatus(
      as(client, owner, org, 'post', `/chat/rooms/${room.id}/members`).json({
        userIds: [bot.id],
      }),
      200
    )
    const incoming = await create('/incoming-webhooks', {
      name: 'Alerts',
      roomId: room.id,
      botId: bot.id,
    })
    await expectStatus(call('delete', `/incoming-webhooks/${incoming.id}`), 204)
    await expectStatus(call('delete', `/bots/${bot.id}`), 204)

    const listed = await as(client, owner, org, 'get', `${base}/audit`).qs({ perPage: 100 })
    listed.assertStatus(200)
    const entries = listed
      .body()
      .data.filter((e: any) => /^(bot|api_key|webhook|incoming_webhook)\./.test(e.action))
      .reverse()
    assert.deepEqual(
      entries.map((e: any) => [e.action, e.targetType, e.targetId, e.actorUserId]),
      [
        ['bot.created', 'bot', bot.id, owner.user.id],
        ['api_key.created', 'api_key', key.id, owner.user.id],
        ['api_key.revoked', 'api_key', key.id, owner.user.id],
        ['webhook.created', 'webhook', hook.id, owner.user.id],
        ['webhook.deleted', 'webhook', hook.id, owner.user.id],
        ['incoming_webhook.created', 'incoming_webhook', incoming.id, owner.user.id],
        ['incoming_webhook.deleted', 'incoming_webhook', incoming.id, owner.user.id],
        ['bot.deleted', 'bot', bot.id, owner.user.id],
      ]
    )
    for (const entry of entries) assert.isString(entry.ip, entry.action)
    const text = JSON.stringify(entries)
    for (const secret of [key.secret, hook.secret, incoming.token]) assert.notInclude(text, secret)

    const filtered = await as(client, owner, org, 'get', `${base}/audit`).qs({
      action: 'api_key.*',
    })
    assert.deepEqual(
      filtered.body().data.map((e: any) => e.action),
      ['api_key.revoked', 'api_key.created']
    )
  })
})
