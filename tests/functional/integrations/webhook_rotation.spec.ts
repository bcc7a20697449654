import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { jobsConnection } from '#providers/jobs_provider'
import { outbound } from '#domain/webhooks/outbound'
import { signBody, verifySignature } from '#services/webhook_signature'
import { resetDatabase } from '#tests/helpers/database'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { expectStatus } from '#tests/helpers/requests'
import { startEndpoint, LOOPBACK_ONLY } from '#tests/helpers/http_endpoint'
import { as, chatOrg, groupRoom, otherOrg, send } from '../chat/chat_fixtures.js'
import { eventually } from '../notifications/notification_fixtures.js'

/*
 * Rotating an outgoing webhook's signing secret, against a real receiver on
 * 127.0.0.1 that verifies signatures with the documented check: the new
 * secret signs at once; during the grace period the previous one signs
 * too (a second `v1`), afterwards it does not.
 */
test.group('Webhook secret rotation', (group) => {
  group.each.setup(() => resetDatabase())
  group.each.setup(async () => {
    await jobs.start(await jobsConnection(app))
    outbound.allowAddress = LOOPBACK_ONLY
    return async () => {
      outbound.allowAddress = undefined
      await jobs.stop()
    }
  })

  test('the new secret signs at once, the old one too during the grace period', async ({
    client,
    assert,
    cleanup,
  }) => {
    const endpoint = await startEndpoint()
    cleanup(endpoint.close)
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const created = await as(client, owner, org, 'post', `/organizations/${org.id}/webhooks`).json({
      url: endpoint.url,
      events: ['message.created'],
    })
    const hook = created.body().data
    const url = `/organizations/${org.id}/webhooks/${hook.id}/rotate-secret`

    const rotated = await as(client, owner, org, 'post', url).json({ graceSeconds: 3600 })
    rotated.assertStatus(200)
    const fresh = rotated.body().data.secret
    assert.match(fresh, /^whsec_/)
    assert.notEqual(fresh, hook.secret)
    const listed = await as(client, owner, org, 'get', `/organizations/${org.id}/webhooks`)
    assert.notProperty(listed.body().data[0], 'secret')

    await send(org, alice, room.id, 'during the grace period')
    await eventually(async () => endpoint.received.length === 1)
    const during = endpoint.received[0]
    const header = during.headers['x-parley-signature'] as string
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/)
    assert.isTrue(verifySignature(fresh, header, during.body))
    assert.isTrue(verifySignature(hook.secret, header, during.body))
    assert.isFalse(verifySignature('whsec_other', header, during.body))
    // The new secret's MAC comes first.
    const t = Number(header.split(',')[0].slice(2))
    assert.equal(header.split(',v1=')[1], signBody(fresh, t, during.body).split('v1=')[1])

    // Without a grace period, the previous secret stops signing at once.
    const again = await as(client, owner, org, 'post', url).json({ graceSeconds: 0 })
    again.assertStatus(200)
    const newest = again.body().data.secret
    await send(org, alice, room.id, 'after the second rotation')
    await eventually(async () => endpoint.received.length === 2)
    const after = endpoint.received[1]
    const single = after.headers['x-parley-signature'] as string
    assert.match(single, /^t=\d+,v1=[0-9a-f]{64}$/)
    assert.isTrue(verifySignature(newest, single, after.body))
    assert.isFalse(verifySignature(fresh, single, after.body))
    assert.isFalse(verifySignature(hook.secret, single, after.body))

    const stored = await db.from('webhooks').where('id', hook.id).firstOrFail()
    assert.isNull(stored.previous_secret_sealed)
    assert.notInclude(JSON.stringify(stored), newest)
  })

  test('a grace period that ended no longer signs with the previous secret', async ({
    client,
    assert,
    cleanup,
  }) => {
    const endpoint = await startEndpoint()
    cleanup(endpoint.close)
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const created = await as(client, owner, org, 'post', `/organizations/${org.id}/webhooks`).json({
      url: endpoint.url,
      events: ['message.created'],
    })
    const hook = created.body().data
    const rotated = await as(
      client,
      owner,
      org,
      'post',
      `/organizations/${org.id}/webhooks/${hook.id}/rotate-secret`
    )
    rotated.assertStatus(200)
    await db
      .from('webhooks')
      .where('id', hook.id)
      .update({ previous_secret_expires_at: new Date(Date.now() - 1000) })
    await send(org, alice, room.id, 'after the grace period')
    await eventually(async () => endpoint.received.length === 1)
    const [request] = endpoint.received
    const header = request.headers['x-parley-signature'] as string
    assert.isTrue(verifySignature(rotated.body().data.secret, header, request.body))
    assert.isFalse(verifySignature(hook.secret, header, request.body))
  })

  test('needs an admin and a valid body, is audited, and is 404 across organizations', async ({
    client,
    assert,
  }) => {
    const { org, owner, moderator } = await chatOrg()
    const created = await as(client, owner, org, 'post', `/organizations/${org.id}/webhooks`).json({
      url: 'https://ci.example.com/parley',
      events: ['message.created'],
    })
    const hook = created.body().data
    const url = `/organizations/${org.id}/webhooks/${hook.id}/rotate-secret`
    await expectStatus(client.post(url), 401)
    await expectStatus(as(client, moderator, org, 'post', url), 403)
    for (const graceSeconds of [-1, 604801, 1.5, '60', true, [60]]) {
      const invalid = await as(client, owner, org, 'post', url).json({ graceSeconds })
      invalid.assertStatus(422)
      assert.equal(invalid.body().errors[0].field, 'graceSeconds', JSON.stringify(graceSeconds))
    }
    const rotated = await as(client, owner, org, 'post', url)
    rotated.assertStatus(200)
    const entries = await db
      .from('audit_events')
      .where('target_id', hook.id)
      .where('action', 'webhook.secret_rotated')
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].actor_user_id, owner.user.id)
    assert.deepEqual(entries[0].details, { graceSeconds: 86400 })
    assert.notInclude(JSON.stringify(entries), rotated.body().data.secret)

    const b = await otherOrg()
    await expectStatus(
      as(
        client,
        b.stranger,
        b.org,
        'post',
        `/organizations/${b.org.id}/webhooks/${hook.id}/rotate-secret`
      ),
      404
    )
    await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
      c.post(`/organizations/${orgId}/webhooks/${hook.id}/rotate-secret`)
    )
  })
})
