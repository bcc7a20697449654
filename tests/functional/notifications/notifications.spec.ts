import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { as, chatOrg, groupRoom, otherOrg, send } from '../chat/chat_fixtures.js'
import { notificationFor, notificationsOf } from './notification_fixtures.js'

/** An org where the owner wrote to alice and bob (both offline): each has one notification. */
async function notifiedOrg() {
  const setup = await chatOrg()
  const room = await groupRoom(setup.org, setup.owner, [setup.alice, setup.bob])
  const first = await send(setup.org, setup.owner, room.id, 'first')
  const second = await send(setup.org, setup.owner, room.id, 'second')
  await notificationFor(setup.alice, second.id)
  await notificationFor(setup.bob, second.id)
  return { ...setup, room, first, second }
}

test.group('GET /notifications', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get('/notifications')
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'E_UNAUTHORIZED' }] })
  })

  test('rejects a page size outside 1-100', async ({ client }) => {
    const { org, alice } = await chatOrg()
    for (const perPage of [0, 101, 'many']) {
      const response = await as(client, alice, org, 'get', '/notifications').qs({ perPage })
      response.assertStatus(422)
      response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'perPage' }] })
    }
  })

  test('lists the caller’s notifications newest first, with ids and no message text', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, room, first, second } = await notifiedOrg()
    const response = await as(client, alice, org, 'get', '/notifications')
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(
      data.map((n: { messageId: string }) => n.messageId),
      [second.id, first.id]
    )
    assert.equal(meta.total, 2)
    assert.deepEqual(data[0], {
      id: data[0].id,
      organizationId: org.id,
      type: 'message',
      roomId: room.id,
      messageId: second.id,
      actorId: owner.user.id,
      data: { seq: 2 },
      readAt: null,
      createdAt: data[0].createdAt,
    })
    assert.notInclude(JSON.stringify(response.body()), 'second')
    const sender = await as(client, owner, org, 'get', '/notifications')
    assert.deepEqual(sender.body().data, [])
  })

  test('pages and filters unread ones', async ({ client, assert }) => {
    const { org, alice, first, second } = await notifiedOrg()
    const page = await as(client, alice, org, 'get', '/notifications').qs({ perPage: 1, page: 2 })
    assert.equal(page.body().data[0].messageId, first.id)
    assert.include(page.body().meta, { total: 2, perPage: 1, currentPage: 2, lastPage: 2 })
    const [mine] = await notificationsOf(alice, first.id)
    await as(client, alice, org, 'put', `/notifications/${mine.id}/read`)
    const unread = await as(client, alice, org, 'get', '/notifications').qs({ unread: true })
    assert.deepEqual(
      unread.body().data.map((n: { messageId: string }) => n.messageId),
      [second.id]
    )
  })

  test('returns 404 for an organization the caller is not a member of', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
      c.get('/notifications').header('x-organization-id', orgId)
    )
  })

  test('shows nothing of another organization the caller also belongs to', async ({
    client,
    assert,
  }) => {
    const { alice } = await notifiedOrg()
    const { org: second } = await otherOrg()
    const { addMember } = await import('#tests/helpers/users')
    await addMember(second, alice.user)
    const response = await as(client, alice, second, 'get', '/notifications')
    response.assertStatus(200)
    assert.deepEqual(response.body().data, [])
  })
})

test.group('GET /notifications/unread-count', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.get('/notifications/unread-count')
    response.assertStatus(401)
  })

  test('answers 400 without any organization context', async ({ client }) => {
    const { createUserWithToken } = await import('#tests/helpers/users')
    const loner = await createUserWithToken()
    const response = await client.get('/notifications/unread-count').bearerToken(loner.token)
    response.assertStatus(400)
    response.assertBodyContains({ errors: [{ code: 'E_ORGANIZATION_REQUIRED' }] })
  })

  test('counts the caller’s unread notifications in the organization', async ({ client }) => {
    const { org, alice, owner } = await notifiedOrg()
    const response = await as(client, alice, org, 'get', '/notifications/unread-count')
    response.assertStatus(200)
    response.assertBody({ data: { count: 2 } })
    const sender = await as(client, owner, org, 'get', '/notifications/unread-count')
    sender.assertBody({ data: { count: 0 } })
  })

  test('returns 404 for an organization the caller is not a member of', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
      c.get('/notifications/unread-count').header('x-organization-id', orgId)
    )
  })
})

test.group('PUT /notifications/:notificationId/read', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.put(`/notifications/${crypto.randomUUID()}/read`)
    response.assertStatus(401)
  })

  test('answers 404 for a malformed or unknown id', async ({ client }) => {
    const { org, alice } = await chatOrg()
    for (const id of ['not-a-uuid', crypto.randomUUID()]) {
      const response = await as(client, alice, org, 'put', `/notifications/${id}/read`)
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }
  })

  test('marks the notification read once and lowers the unread count', async ({
    client,
    assert,
  }) => {
    const { org, alice, second } = await notifiedOrg()
    const [mine] = await notificationsOf(alice, second.id)
    const response = await as(client, alice, org, 'put', `/notifications/${mine.id}/read`)
    response.assertStatus(200)
    const readAt = response.body().data.readAt
    assert.isString(readAt)
    const again = await as(client, alice, org, 'put', `/notifications/${mine.id}/read`)
    assert.equal(again.body().data.readAt, readAt)
    const count = await as(client, alice, org, 'get', '/notifications/unread-count')
    count.assertBody({ data: { count: 1 } })
  })

  test('answers 404 for another user’s or another organization’s notification', async ({
    client,
    assert,
  }) => {
    const { org, alice, bob, second } = await notifiedOrg()
    const [bobs] = await notificationsOf(bob, second.id)
    const response = await as(client, alice, org, 'put', `/notifications/${bobs.id}/read`)
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    const { org: foreign, stranger } = await otherOrg()
    const theirs = await as(client, stranger, foreign, 'put', `/notifications/${bobs.id}/read`)
    theirs.assertStatus(404)
    await bobs.refresh()
    assert.isNull(bobs.readAt)
  })
})

test.group('PUT /notifications/read-all', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.put('/notifications/read-all')
    response.assertStatus(401)
  })

  test('marks every notification of the caller read, and nobody else’s', async ({
    client,
    assert,
  }) => {
    const { org, alice, bob } = await notifiedOrg()
    const response = await as(client, alice, org, 'put', '/notifications/read-all')
    response.assertStatus(200)
    response.assertBody({ data: { updated: 2 } })
    const again = await as(client, alice, org, 'put', '/notifications/read-all')
    again.assertBody({ data: { updated: 0 } })
    const bobs = await notificationsOf(bob)
    assert.lengthOf(bobs, 2)
    assert.isTrue(bobs.every((n) => n.readAt === null))
  })

  test('returns 404 for an organization the caller is not a member of', async ({
    client,
    assert,
  }) => {
    await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
      c.put('/notifications/read-all').header('x-organization-id', orgId)
    )
  })
})
