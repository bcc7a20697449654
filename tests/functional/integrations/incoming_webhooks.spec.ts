import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { expectStatus } from '#tests/helpers/requests'
import { hashInviteToken } from '#actions/invites/invite_token'
import UpdateUserStatus from '#actions/admin/update_user_status'
import { as, chatOrg, groupRoom, otherOrg } from '../chat/chat_fixtures.js'
import { botWithKey } from './integration_fixtures.js'
import type { ApiClient } from '@japa/api-client'

/** Posts a raw JSON body to an incoming webhook URL (a path here: the test server's). */
function post(client: ApiClient, token: string, body: unknown) {
  return client.post(`/hooks/incoming/${token}`).json(body as object)
}

/** An org with a bot that is in a room, and an incoming webhook for them. */
async function hookScene(client: ApiClient) {
  const scene = await chatOrg()
  const bot = await botWithKey(scene.org, scene.owner, 'alerts-bot')
  const room = await groupRoom(scene.org, scene.owner, [scene.alice, bot], 'alerts')
  const created = await as(
    client,
    scene.owner,
    scene.org,
    'post',
    `/organizations/${scene.org.id}/incoming-webhooks`
  ).json({ name: 'Alerts', roomId: room.id, botId: bot.user.id })
  created.assertStatus(201)
  return { ...scene, bot, room, hook: created.body().data }
}

test.group('Incoming webhooks', (group) => {
  group.each.setup(() => resetDatabase())

  test('creating one needs an admin and a bot already in the room', async ({ client, assert }) => {
    const { org, owner, moderator, alice } = await chatOrg()
    const bot = await botWithKey(org, owner)
    const room = await groupRoom(org, owner, [alice])
    const url = `/organizations/${org.id}/incoming-webhooks`
    const body = { name: 'Alerts', roomId: room.id, botId: bot.user.id }
    await expectStatus(client.post(url).json(body), 401)
    await expectStatus(as(client, moderator, org, 'post', url).json(body), 403)
    const notInRoom = await as(client, owner, org, 'post', url).json(body)
    notInRoom.assertStatus(409)
    assert.equal(notInRoom.body().errors[0].code, 'E_BOT_NOT_IN_ROOM')
    const person = await as(client, owner, org, 'post', url).json({ ...body, botId: alice.user.id })
    person.assertStatus(404)
    const invalid = await as(client, owner, org, 'post', url).json({ ...body, roomId: 'x' })
    invalid.assertStatus(422)
    assert.equal(invalid.body().errors[0].field, 'roomId')
  })

  test('the secret URL posts into the room as the bot, through the send path', async ({
    client,
    assert,
  }) => {
    const { org, alice, room, bot, hook } = await hookScene(client)
    assert.match(hook.url, /\/hooks\/incoming\/[\w-]{43}$/)
    const stored = await db.from('incoming_webhooks').where('id', hook.id).firstOrFail()
    assert.equal(stored.token_hash, hashInviteToken(hook.token))
    assert.notInclude(JSON.stringify(stored), hook.token)

    const posted = await post(client, hook.token, { text: 'Deploy finished' })
    posted.assertStatus(201)
    const message = posted.body().data
    assert.equal(message.senderId, bot.user.id)
    assert.equal(message.roomId, room.id)
    assert.equal(message.seq, 1)

    const page = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    assert.deepEqual(
      page.body().data.map((m: any) => [m.senderId, m.content]),
      [[bot.user.id, 'Deploy finished']]
    )
    const listed = await as(client, alice, org, 'get', `/organizations/${org.id}/members`)
    assert.isTrue(listed.body().data.find((m: any) => m.userId === bot.user.id).user.isBot)
  })

  test('validates the JSON body: text must be a non-blank string', async ({ client, assert }) => {
    const { hook, room } = await hookScene(client)
    for (const body of [
      {},
      { text: 42 },
      { text: '   ' },
      { text: ['a'] },
      { text: 'x'.repeat(10_001) },
    ]) {
      const response = await post(client, hook.token, body)
      assert.equal(response.status(), 422, JSON.stringify(body).slice(0, 40))
      assert.equal(response.body().errors[0].field, 'text')
    }
    const notJson = await client
      .post(`/hooks/incoming/${hook.token}`)
      .type('json')
      .unsafeJson('{"text":')
    notJson.assertStatus(400)
    const [{ total }] = await db.from('messages').where('room_id', room.id).count('* as total')
    assert.equal(Number(total), 0)
  })

  test('an unknown, deleted or foreign token posts nothing', async ({ client, assert }) => {
    const { org, owner, hook, room } = await hookScene(client)
    await expectStatus(post(client, 'A'.repeat(43), { text: 'x' }), 404)
    await expectStatus(post(client, `${hook.token}x`, { text: 'x' }), 404)
    await expectStatus(
      as(client, owner, org, 'delete', `/organizations/${org.id}/incoming-webhooks/${hook.id}`),
      204
    )
    const gone = await post(client, hook.token, { text: 'x' })
    gone.assertStatus(404)
    assert.equal(gone.body().errors[0].code, 'E_NOT_FOUND')
    const [{ total }] = await db.from('messages').where('room_id', room.id).count('* as total')
    assert.equal(Number(total), 0)
  })

  test('a bot removed from the room or deleted can no longer post', async ({ client }) => {
    const { org, owner, hook, room, bot } = await hookScene(client)
    await expectStatus(
      as(client, owner, org, 'delete', `/chat/rooms/${room.id}/members/${bot.user.id}`),
      204
    )
    await expectStatus(post(client, hook.token, { text: 'x' }), 404)
  })

  test('a deactivated bot can no longer post', async ({ client, assert }) => {
    const { hook, bot, room } = await hookScene(client)
    await UpdateUserStatus.handle(bot.user, false)
    await expectStatus(post(client, hook.token, { text: 'x' }), 404)
    const [{ total }] = await db.from('messages').where('room_id', room.id).count('* as total')
    assert.equal(Number(total), 0)
  })

  test('lists the organization’s hooks without their secret', async ({ client, assert }) => {
    const { org, owner, hook } = await hookScene(client)
    const list = await as(client, owner, org, 'get', `/organizations/${org.id}/incoming-webhooks`)
    list.assertStatus(200)
    assert.lengthOf(list.body().data, 1)
    assert.equal(list.body().data[0].id, hook.id)
    assert.notProperty(list.body().data[0], 'token')
    assert.notProperty(list.body().data[0], 'url')
  })
})

test.group('Incoming webhooks: isolation', (group) => {
  group.each.setup(() => resetDatabase())

  test('every incoming webhook route answers 404 for an organization the caller is not in', async ({
    client,
    assert,
  }) => {
    const id = randomUUID()
    const routes: [string, (orgId: string) => string][] = [
      ['get', (o) => `/organizations/${o}/incoming-webhooks`],
      ['post', (o) => `/organizations/${o}/incoming-webhooks`],
      ['delete', (o) => `/organizations/${o}/incoming-webhooks/${id}`],
    ]
    for (const [method, url] of routes) {
      await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
        c
          .request(url(orgId), method.toUpperCase())
          .json({ name: 'x', roomId: randomUUID(), botId: randomUUID() })
      )
    }
  })

  test('another organization’s bot, room and hook are 404', async ({ client, assert }) => {
    const { org, owner, hook: theirHook } = await hookScene(client)
    const mine = await otherOrg()
    const myBot = await botWithKey(mine.org, mine.stranger)
    const myRoom = await groupRoom(mine.org, mine.stranger, [myBot])
    const url = `/organizations/${mine.org.id}/incoming-webhooks`
    const foreignRoom = await as(client, mine.stranger, mine.org, 'post', url).json({
      name: 'x',
      roomId: theirHook.roomId,
      botId: myBot.user.id,
    })
    foreignRoom.assertStatus(404)
    const foreignBot = await as(client, mine.stranger, mine.org, 'post', url).json({
      name: 'x',
      roomId: myRoom.id,
      botId: theirHook.botId,
    })
    foreignBot.assertStatus(404)
    const foreignDelete = await as(
      client,
      mine.stranger,
      mine.org,
      'delete',
      `${url}/${theirHook.id}`
    )
    foreignDelete.assertStatus(404)
    assert.equal(foreignDelete.body().errors[0].code, 'E_NOT_FOUND')
    await expectStatus(post(client, theirHook.token, { text: 'still works' }), 201)
    const own = await as(client, owner, org, 'get', `/organizations/${org.id}/incoming-webhooks`)
    assert.lengthOf(own.body().data, 1)
  })
})
