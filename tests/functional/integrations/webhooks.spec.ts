import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { jobsConnection } from '#providers/jobs_provider'
import { outbound } from '#domain/webhooks/outbound'
import { WEBHOOK_QUEUE } from '#domain/webhooks/delivery'
import { webhooksSettled } from '#listeners/webhook_listener'
import { verifySignature, signBody } from '#services/webhook_signature'
import { resetDatabase } from '#tests/helpers/database'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { expectStatus } from '#tests/helpers/requests'
import { startEndpoint, LOOPBACK_ONLY } from '#tests/helpers/http_endpoint'
import { as, chatOrg, groupRoom, otherOrg, send } from '../chat/chat_fixtures.js'
import { eventually } from '../notifications/notification_fixtures.js'
import type { ApiClient } from '@japa/api-client'
import type Organization from '#models/organization'
import type { UserWithToken } from '#tests/helpers/users'

/** Creates a webhook as `admin` through the API and answers its JSON (secret included). */
/** Lets the webhook listener start on what was emitted, then finish. */
async function settled() {
  await new Promise((resolve) => setImmediate(resolve))
  await webhooksSettled()
}

async function createWebhook(
  client: ApiClient,
  admin: UserWithToken,
  org: Organization,
  body: Record<string, unknown>
) {
  const response = await as(client, admin, org, 'post', `/organizations/${org.id}/webhooks`).json(
    body
  )
  response.assertStatus(201)
  return response.body().data
}

/** The webhook's deliveries as the API lists them. */
async function deliveriesOf(
  client: ApiClient,
  admin: UserWithToken,
  org: Organization,
  id: string
) {
  const response = await as(
    client,
    admin,
    org,
    'get',
    `/organizations/${org.id}/webhooks/${id}/deliveries`
  )
  response.assertStatus(200)
  return response.body().data as any[]
}

/*
 * Outgoing webhooks against real HTTP servers on 127.0.0.1, delivered by
 * the real job queue (pg-boss) started in this process, with the retry
 * settings of .env.test (WEBHOOK_RETRY_LIMIT=2, WEBHOOK_RETRY_DELAY_SECONDS=1,
 * WEBHOOK_DISABLE_AFTER=3). 127.0.0.1 is reachable only through the
 * test-only allowance, set per test.
 */
test.group('Outgoing webhooks', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.setup(async () => {
    await jobs.start(await jobsConnection(app))
    outbound.allowAddress = LOOPBACK_ONLY
    return async () => {
      outbound.allowAddress = undefined
      await jobs.stop()
    }
  })

  test('requires a token, an admin, and a valid body', async ({ client, assert }) => {
    const { org, owner, moderator } = await chatOrg()
    const anonymous = await client.post(`/organizations/${org.id}/webhooks`).json({})
    anonymous.assertStatus(401)
    const body = { url: 'https://example.com/hook', events: ['message.created'] }
    const member = await as(
      client,
      moderator,
      org,
      'post',
      `/organizations/${org.id}/webhooks`
    ).json(body)
    member.assertStatus(403)
    const invalid = await as(client, owner, org, 'post', `/organizations/${org.id}/webhooks`).json({
      url: 'ftp://example.com/x',
      events: ['message.created'],
    })
    invalid.assertStatus(422)
    assert.deepEqual(invalid.body().errors, [
      { code: 'E_VALIDATION_ERROR', field: 'url', message: 'The url field must be a valid URL' },
    ])
    const unknownEvent = await as(
      client,
      owner,
      org,
      'post',
      `/organizations/${org.id}/webhooks`
    ).json({
      url: 'https://example.com/hook',
      events: ['message.exploded'],
    })
    unknownEvent.assertStatus(422)
    assert.equal(unknownEvent.body().errors[0].field, 'events.0')
  })

  test('a node re-reads the webhooks of an organization when one is created or deleted', async ({
    client,
    assert,
    cleanup,
  }) => {
    const endpoint = await startEndpoint()
    cleanup(endpoint.close)
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    // The node learns that the organization has no webhook (and keeps that).
    await send(org, alice, room.id, 'before any webhook')
    await settled()

    const hook = await createWebhook(client, owner, org, {
      url: endpoint.url,
      events: ['message.created'],
    })
    await send(org, alice, room.id, 'after the webhook')
    await eventually(async () => endpoint.received.length === 1)
    assert.equal(JSON.parse(endpoint.received[0].body).data.message.content, 'after the webhook')

    // A second webhook stays; the first goes. A node still holding the first
    // would queue for both, and a delivery of a deleted webhook fails the batch.
    const kept = await createWebhook(client, owner, org, {
      url: endpoint.url,
      events: ['message.created'],
    })
    await send(org, alice, room.id, 'to both')
    await eventually(async () => endpoint.received.length === 3)
    await expectStatus(
      as(client, owner, org, 'delete', `/organizations/${org.id}/webhooks/${hook.id}`),
      204
    )
    await send(org, alice, room.id, 'after the delete')
    await eventually(async () => endpoint.received.length === 4)
    const last = JSON.parse(endpoint.received[3].body)
    assert.equal(last.data.message.content, 'after the delete')
    const rows = await db.from('webhook_deliveries').select('webhook_id')
    assert.deepEqual(
      rows.map((row) => row.webhook_id),
      [kept.id, kept.id]
    )
  })

  test('delivers a signed event that a receiver can verify, and lists the delivery', async ({
    client,
    assert,
    cleanup,
  }) => {
    const endpoint = await startEndpoint()
    cleanup(endpoint.close)
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const hook = await createWebhook(client, owner, org, {
      url: endpoint.url,
      events: ['message.created'],
    })
    assert.match(hook.secret, /^whsec_/)
    const stored = await db.from('webhooks').where('id', hook.id).firstOrFail()
    assert.notInclude(stored.secret_sealed, hook.secret)

    const message = await send(org, alice, room.id, 'ship it')
    await eventually(async () => endpoint.received.length === 1)
    const [request] = endpoint.received
    assert.equal(request.headers['x-parley-event'], 'message.created')
    assert.isTrue(
      verifySignature(hook.secret, request.headers['x-parley-signature'] as string, request.body)
    )
    assert.isFalse(
      verifySignature('whsec_wrong', request.headers['x-parley-signature'] as string, request.body)
    )
    assert.isFalse(
      verifySignature(
        hook.secret,
        request.headers['x-parley-signature'] as string,
        request.body + ' '
      )
    )
    const body = JSON.parse(request.body)
    assert.equal(body.event, 'message.created')
    assert.equal(body.organizationId, org.id)
    assert.equal(body.id, request.headers['x-parley-delivery'])
    assert.equal(body.data.message.id, message.id)
    assert.equal(body.data.message.content, 'ship it')
    assert.equal(body.data.message.senderId, alice.user.id)

    const [delivery] = await eventually(async () => {
      const rows = await deliveriesOf(client, owner, org, hook.id)
      return rows[0]?.status === 'succeeded' ? rows : null
    })
    assert.equal(delivery.id, body.id)
    assert.equal(delivery.attempts, 1)
    assert.equal(delivery.responseStatus, 200)
    assert.deepEqual(delivery.payload, body)
  })

  test('a signature outside the replay window is refused by the documented check', ({ assert }) => {
    const now = Math.floor(Date.now() / 1000)
    const body = '{"id":"x"}'
    assert.isTrue(verifySignature('s', signBody('s', now - 299, body), body, now))
    assert.isFalse(verifySignature('s', signBody('s', now - 301, body), body, now))
    assert.isFalse(verifySignature('s', signBody('s', now + 301, body), body, now))
    assert.isFalse(verifySignature('s', 'garbage', body, now))
    const old = signBody('s', now - 3600, body)
    const restamped = old.replace(/^t=\d+/, `t=${now}`)
    assert.isFalse(verifySignature('s', restamped, body, now))
  })

  test('a room filter sends only that room’s events', async ({ client, assert, cleanup }) => {
    const endpoint = await startEndpoint()
    cleanup(endpoint.close)
    const { org, owner, alice } = await chatOrg()
    const watched = await groupRoom(org, owner, [alice], 'watched')
    const quiet = await groupRoom(org, owner, [alice], 'quiet')
    await createWebhook(client, owner, org, {
      url: endpoint.url,
      events: ['message.created'],
      roomIds: [watched.id],
    })
    await send(org, alice, quiet.id, 'not for the hook')
    await send(org, alice, watched.id, 'for the hook')
    await eventually(async () => endpoint.received.length >= 1)
    await jobs.stop()
    assert.deepEqual(
      endpoint.received.map((r) => JSON.parse(r.body).data.message.content),
      ['for the hook']
    )
    const rows = await db.from('webhook_deliveries')
    assert.lengthOf(rows, 1)
  })

  test('retries a failing endpoint with backoff until it answers 2xx', async ({
    client,
    assert,
    cleanup,
  }) => {
    const endpoint = await startEndpoint((n) => ({ status: n < 2 ? 503 : 204 }))
    cleanup(endpoint.close)
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const hook = await createWebhook(client, owner, org, {
      url: endpoint.url,
      events: ['message.created'],
    })
    await send(org, alice, room.id, 'flaky')
    const [delivery] = await eventually(async () => {
      const rows = await deliveriesOf(client, owner, org, hook.id)
      return rows[0]?.status === 'succeeded' ? rows : null
    }, 30_000)
    assert.equal(delivery.attempts, 3)
    assert.equal(delivery.responseStatus, 204)
    assert.lengthOf(endpoint.received, 3)
    const ids = new Set(endpoint.received.map((r) => r.headers['x-parley-delivery']))
    assert.equal(ids.size, 1)
    const bodies = new Set(endpoint.received.map((r) => r.body))
    assert.equal(bodies.size, 1)
    const queue = await jobs.boss!.getQueue(WEBHOOK_QUEUE)
    assert.isTrue(queue?.retryBackoff)
    assert.equal(queue?.retryLimit, 2)
    const again = await as(
      client,
      owner,
      org,
      'get',
      `/organizations/${org.id}/webhooks/${hook.id}`
    )
    assert.equal(again.body().data.consecutiveFailures, 0)
  })

  test('disables a webhook after repeated failures, with the reason visible, until re-enabled', async ({
    client,
    assert,
    cleanup,
  }) => {
    const endpoint = await startEndpoint(() => ({ status: 500 }))
    cleanup(endpoint.close)
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const hook = await createWebhook(client, owner, org, {
      url: endpoint.url,
      events: ['message.created'],
    })
    await send(org, alice, room.id, 'down')
    const [delivery] = await eventually(async () => {
      const rows = await deliveriesOf(client, owner, org, hook.id)
      return rows[0]?.status === 'failed' ? rows : null
    }, 30_000)
    assert.equal(delivery.attempts, 3)
    assert.equal(delivery.responseStatus, 500)
    assert.equal(delivery.lastError, 'The endpoint answered 500')

    const shown = await as(
      client,
      owner,
      org,
      'get',
      `/organizations/${org.id}/webhooks/${hook.id}`
    )
    const disabled = shown.body().data
    assert.isFalse(disabled.enabled)
    assert.equal(
      disabled.disabledReason,
      'Disabled after 3 failed deliveries in a row; the last: The endpoint answered 500'
    )
    await send(org, alice, room.id, 'while disabled')
    const failedOnly = await as(
      client,
      owner,
      org,
      'get',
      `/organizations/${org.id}/webhooks/${hook.id}/deliveries?status=failed`
    )
    assert.lengthOf(failedOnly.body().data, 1)
    assert.lengthOf(await deliveriesOf(client, owner, org, hook.id), 1)

    const enabled = await as(
      client,
      owner,
      org,
      'patch',
      `/organizations/${org.id}/webhooks/${hook.id}`
    ).json({
      enabled: true,
    })
    enabled.assertStatus(200)
    assert.isTrue(enabled.body().data.enabled)
    assert.equal(enabled.body().data.consecutiveFailures, 0)
    assert.isNull(enabled.body().data.disabledReason)
  })

  test('refuses loopback, private and metadata addresses without the test allowance', async ({
    client,
    assert,
    cleanup,
  }) => {
    outbound.allowAddress = undefined
    const endpoint = await startEndpoint()
    cleanup(endpoint.close)
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const urls = [
      endpoint.url,
      `http://localhost:${endpoint.port}/hook`,
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.1/hook',
    ]
    const hooks = []
    for (const url of urls)
      hooks.push(await createWebhook(client, owner, org, { url, events: ['message.created'] }))
    await send(org, alice, room.id, 'probe')
    for (const hook of hooks) {
      const [delivery] = await eventually(async () => {
        const rows = await deliveriesOf(client, owner, org, hook.id)
        return rows[0]?.attempts >= 1 ? rows : null
      }, 30_000)
      assert.match(delivery.lastError, /^refused address /)
      assert.isNull(delivery.responseStatus)
    }
    assert.lengthOf(endpoint.received, 0)
  })

  test('member, room and reaction events are delivered to the webhooks subscribed to them', async ({
    client,
    assert,
    cleanup,
  }) => {
    const endpoint = await startEndpoint()
    cleanup(endpoint.close)
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    await createWebhook(client, owner, org, {
      url: endpoint.url,
      events: ['room.member_added', 'reaction.added', 'member.left', 'message.deleted'],
    })
    const message = await send(org, alice, room.id, 'react to me')
    const members = `/chat/rooms/${room.id}/members`
    const added = as(client, owner, org, 'post', members).json({ userIds: [bob.user.id] })
    await expectStatus(added, 200)
    const reactions = `/chat/messages/${message.id}/reactions`
    await expectStatus(as(client, bob, org, 'post', reactions).json({ emoji: '👍' }), 200)
    await expectStatus(as(client, alice, org, 'delete', `/chat/messages/${message.id}`), 204)
    await expectStatus(as(client, bob, org, 'post', `/organizations/${org.id}/leave`), 204)
    await eventually(async () => endpoint.received.length === 4)
    const events = endpoint.received.map((r) => JSON.parse(r.body))
    assert.sameMembers(
      events.map((e) => e.event),
      ['room.member_added', 'reaction.added', 'message.deleted', 'member.left']
    )
    // Each event's data exactly as documented (docs/integrations.md), room and org events alike.
    const dataOf = (name: string) => events.find((e) => e.event === name).data
    assert.deepEqual(dataOf('reaction.added'), {
      roomId: room.id,
      messageId: message.id,
      userId: bob.user.id,
      emoji: '👍',
      count: 1,
    })
    assert.deepEqual(dataOf('room.member_added'), { roomId: room.id, userIds: [bob.user.id] })
    assert.deepEqual(dataOf('message.deleted'), {
      roomId: room.id,
      messageId: message.id,
      seq: message.seq,
    })
    assert.deepEqual(dataOf('member.left'), { userId: bob.user.id, reason: 'left' })
    for (const event of events) assert.equal(event.organizationId, org.id)
  })
})

test.group('Outgoing webhooks: isolation', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.setup(async () => {
    await jobs.start(await jobsConnection(app))
    outbound.allowAddress = LOOPBACK_ONLY
    return async () => {
      outbound.allowAddress = undefined
      await jobs.stop()
    }
  })

  test('every webhook route answers 404 for an organization the caller is not in', async ({
    client,
    assert,
  }) => {
    const id = randomUUID()
    const routes: [string, (orgId: string) => string][] = [
      ['get', (o) => `/organizations/${o}/webhooks`],
      ['post', (o) => `/organizations/${o}/webhooks`],
      ['get', (o) => `/organizations/${o}/webhooks/${id}`],
      ['patch', (o) => `/organizations/${o}/webhooks/${id}`],
      ['delete', (o) => `/organizations/${o}/webhooks/${id}`],
      ['get', (o) => `/organizations/${o}/webhooks/${id}/deliveries`],
    ]
    for (const [method, url] of routes) {
      await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
        c
          .request(url(orgId), method.toUpperCase())
          .json({ url: 'https://example.com/h', events: ['message.created'] })
      )
    }
  })

  test('another organization’s webhook and rooms are 404, and its events never reach us', async ({
    client,
    assert,
    cleanup,
  }) => {
    const ours = await startEndpoint()
    const theirs = await startEndpoint()
    cleanup(ours.close)
    cleanup(theirs.close)
    const { org, owner, alice } = await chatOrg()
    const other = await otherOrg()
    const otherRoom = await groupRoom(other.org, other.stranger, [])
    const foreign = await createWebhook(client, other.stranger, other.org, {
      url: theirs.url,
      events: ['message.created'],
    })
    for (const [method, url] of [
      ['get', `/organizations/${org.id}/webhooks/${foreign.id}`],
      ['patch', `/organizations/${org.id}/webhooks/${foreign.id}`],
      ['delete', `/organizations/${org.id}/webhooks/${foreign.id}`],
      ['get', `/organizations/${org.id}/webhooks/${foreign.id}/deliveries`],
    ] as const) {
      const response = await as(client, owner, org, method, url).json({ enabled: false })
      assert.equal(response.status(), 404, `${method} ${url}`)
      assert.equal(response.body().errors[0].code, 'E_NOT_FOUND')
    }
    const filtered = await as(client, owner, org, 'post', `/organizations/${org.id}/webhooks`).json(
      {
        url: ours.url,
        events: ['message.created'],
        roomIds: [otherRoom.id],
      }
    )
    filtered.assertStatus(404)
    await createWebhook(client, owner, org, { url: ours.url, events: ['message.created'] })

    const room = await groupRoom(org, owner, [alice])
    await send(org, alice, room.id, 'ours')
    await send(other.org, other.stranger, otherRoom.id, 'theirs')
    await eventually(async () => ours.received.length === 1 && theirs.received.length === 1)
    await jobs.stop()
    assert.equal(JSON.parse(ours.received[0].body).data.message.content, 'ours')
    assert.equal(JSON.parse(theirs.received[0].body).data.message.content, 'theirs')
    assert.lengthOf(ours.received, 1)
    assert.lengthOf(theirs.received, 1)
  })
})
