import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { addMember } from '#tests/helpers/users'
import { expectStatus } from '#tests/helpers/requests'
import { assertNotFoundForForeignOrgs } from '#tests/helpers/tenancy'
import { as, chatOrg, groupRoom, otherOrg, send } from '../chat/chat_fixtures.js'
import { botWithKey } from './integration_fixtures.js'

test.group('Bots and API keys', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client
      .post(`/organizations/${randomUUID()}/bots`)
      .json({ username: 'abc' })
    response.assertStatus(401)
  })

  test('refuses an invalid username with the field named', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const response = await as(client, owner, org, 'post', `/organizations/${org.id}/bots`).json({
      username: 'a',
    })
    response.assertStatus(422)
    const [error] = response.body().errors
    assert.equal(error.code, 'E_VALIDATION_ERROR')
    assert.equal(error.field, 'username')
    assert.equal(error.message, 'The username field must have at least 3 characters')
  })

  test('an admin creates a bot, a member or moderator may not', async ({ client, assert }) => {
    const { org, owner, moderator, alice } = await chatOrg()
    for (const who of [moderator, alice]) {
      const refused = await as(client, who, org, 'post', `/organizations/${org.id}/bots`).json({
        username: `bot_${who.user.username}`,
      })
      refused.assertStatus(403)
    }
    const response = await as(client, owner, org, 'post', `/organizations/${org.id}/bots`).json({
      username: 'deploy-bot',
      displayName: 'Deploy bot',
    })
    response.assertStatus(201)
    const bot = response.body().data
    assert.equal(bot.username, 'deploy-bot')
    assert.isTrue(bot.isBot)
    assert.equal(bot.organizationId, org.id)
    assert.equal(bot.createdById, owner.user.id)

    const members = await as(client, owner, org, 'get', `/organizations/${org.id}/members`)
    const listed = members.body().data.find((m: any) => m.userId === bot.id)
    assert.isTrue(listed.user.isBot)
    const human = members.body().data.find((m: any) => m.userId === alice.user.id)
    assert.isFalse(human.user.isBot)

    const list = await as(client, owner, org, 'get', `/organizations/${org.id}/bots`)
    assert.deepEqual(
      list.body().data.map((b: any) => b.id),
      [bot.id]
    )
  })

  test('an API key is shown once, stored hashed, and records when it was last used', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const created = await as(client, owner, org, 'post', `/organizations/${org.id}/bots`).json({
      username: 'ci-bot',
    })
    const botId = created.body().data.id
    const issued = await as(
      client,
      owner,
      org,
      'post',
      `/organizations/${org.id}/bots/${botId}/keys`
    ).json({
      name: 'ci',
    })
    issued.assertStatus(201)
    const key = issued.body().data
    assert.match(key.secret, /^plr_/)
    assert.isNull(key.lastUsedAt)

    const row = await db.from('auth_access_tokens').where('id', key.id).firstOrFail()
    assert.notInclude(row.hash, key.secret.slice(4))
    assert.notInclude(key.secret, row.hash)

    const me = await client.get('/users/me').bearerToken(key.secret)
    me.assertStatus(200)
    assert.isTrue(me.body().data.isBot)
    assert.equal(me.body().data.id, botId)

    const keys = await as(client, owner, org, 'get', `/organizations/${org.id}/bots/${botId}/keys`)
    assert.lengthOf(keys.body().data, 1)
    assert.notProperty(keys.body().data[0], 'secret')
    assert.isString(keys.body().data[0].lastUsedAt)
  })

  test('a bot sends and reads in the rooms it was added to, through the same send path', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const bot = await botWithKey(org, owner)
    const room = await groupRoom(org, owner, [alice])
    const outside = await as(client, bot, org, 'get', `/chat/rooms/${room.id}/messages`)
    outside.assertStatus(404)

    const added = await as(client, owner, org, 'post', `/chat/rooms/${room.id}/members`).json({
      userIds: [bot.user.id],
    })
    added.assertStatus(200)
    await send(org, alice, room.id, 'hello bot')
    const sent = await as(client, bot, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'hello @' + alice.user.username,
      clientMessageId: randomUUID(),
    })
    sent.assertStatus(201)
    assert.equal(sent.body().data.senderId, bot.user.id)
    assert.deepEqual(sent.body().data.mentions, [{ userId: alice.user.id, kind: 'user' }])

    const page = await as(client, bot, org, 'get', `/chat/rooms/${room.id}/messages`)
    page.assertStatus(200)
    assert.deepEqual(
      page.body().data.map((m: any) => m.content),
      ['hello bot', 'hello @' + alice.user.username]
    )
    const seen = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    assert.equal(seen.body().data.at(-1).senderId, bot.user.id)
  })

  test('a revoked key is refused at once', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const bot = await botWithKey(org, owner)
    await expectStatus(client.get('/users/me').bearerToken(bot.token), 200)
    const revoked = await as(
      client,
      owner,
      org,
      'delete',
      `/organizations/${org.id}/bots/${bot.user.id}/keys/${bot.keyId}`
    )
    revoked.assertStatus(204)
    const after = await client.get('/users/me').bearerToken(bot.token)
    after.assertStatus(401)
    const again = await as(
      client,
      owner,
      org,
      'delete',
      `/organizations/${org.id}/bots/${bot.user.id}/keys/${bot.keyId}`
    )
    again.assertStatus(404)
    assert.equal(again.body().errors[0].code, 'E_NOT_FOUND')
  })

  test('a key acts in the bot’s organization only, even where the bot was made a member', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const other = await otherOrg()
    const bot = await botWithKey(org, owner)
    await addMember(other.org, bot.user)
    const rooms = await as(client, bot, other.org, 'get', '/chat/rooms')
    rooms.assertStatus(404)
    assert.equal(rooms.body().errors[0].code, 'E_NOT_FOUND')
    const home = await as(client, bot, org, 'get', '/chat/rooms')
    home.assertStatus(200)
  })

  test('a bot cannot create or leave organizations, accept invites or change its account', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const bot = await botWithKey(org, owner)
    const attempts = [
      client.post('/organizations').json({ name: 'Bot land' }),
      client.post(`/organizations/${org.id}/leave`),
      client.post(`/organizations/accept-invite/${'x'.repeat(43)}`),
      client.put('/users/me').json({ displayName: 'Evil' }),
      client.post('/auth/2fa/setup'),
      client.get('/auth/sessions'),
    ]
    for (const request of attempts) {
      const response = await request.bearerToken(bot.token)
      response.assertStatus(403)
      assert.equal(response.body().errors[0].code, 'E_BOT_FORBIDDEN')
    }
  })

  test('deleting a bot ends its keys and keeps its messages without a sender', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const bot = await botWithKey(org, owner)
    const room = await groupRoom(org, owner, [alice, bot])
    const message = await send(org, bot, room.id, 'beep')
    const deleted = await as(
      client,
      owner,
      org,
      'delete',
      `/organizations/${org.id}/bots/${bot.user.id}`
    )
    deleted.assertStatus(204)
    await expectStatus(client.get('/users/me').bearerToken(bot.token), 401)
    const page = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    const kept = page.body().data.find((m: any) => m.id === message.id)
    assert.equal(kept.content, 'beep')
    assert.isNull(kept.senderId)
  })
})

test.group('Bots and API keys: isolation', (group) => {
  group.each.setup(() => resetDatabase())

  test('every bot route answers 404 for an organization the caller is not in', async ({
    client,
    assert,
  }) => {
    const botId = randomUUID()
    const routes: [string, (orgId: string) => string][] = [
      ['get', (o) => `/organizations/${o}/bots`],
      ['post', (o) => `/organizations/${o}/bots`],
      ['get', (o) => `/organizations/${o}/bots/${botId}`],
      ['delete', (o) => `/organizations/${o}/bots/${botId}`],
      ['get', (o) => `/organizations/${o}/bots/${botId}/keys`],
      ['post', (o) => `/organizations/${o}/bots/${botId}/keys`],
      ['delete', (o) => `/organizations/${o}/bots/${botId}/keys/1`],
    ]
    for (const [method, url] of routes) {
      await assertNotFoundForForeignOrgs(client, assert, (c, orgId) =>
        c.request(url(orgId), method.toUpperCase()).json({ username: 'validbot', name: 'k' })
      )
    }
  })

  test('another organization’s bot and key are 404 under the caller’s own organization', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const other = await otherOrg()
    const foreign = await botWithKey(other.org, other.stranger)
    const paths = [
      ['get', `/organizations/${org.id}/bots/${foreign.user.id}`],
      ['delete', `/organizations/${org.id}/bots/${foreign.user.id}`],
      ['get', `/organizations/${org.id}/bots/${foreign.user.id}/keys`],
      ['post', `/organizations/${org.id}/bots/${foreign.user.id}/keys`],
      ['delete', `/organizations/${org.id}/bots/${foreign.user.id}/keys/${foreign.keyId}`],
      ['get', `/organizations/${org.id}/bots/${alice.user.id}`],
    ] as const
    for (const [method, url] of paths) {
      const response = await as(client, owner, org, method, url).json({ name: 'k' })
      assert.equal(response.status(), 404, `${method} ${url}`)
      assert.equal(response.body().errors[0].code, 'E_NOT_FOUND')
    }
    const own = await botWithKey(org, owner)
    const crossKey = await as(
      client,
      owner,
      org,
      'delete',
      `/organizations/${org.id}/bots/${own.user.id}/keys/${foreign.keyId}`
    )
    crossKey.assertStatus(404)
    await expectStatus(client.get('/users/me').bearerToken(foreign.token), 200)
  })
})
