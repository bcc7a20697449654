import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import Organization from '#models/organization'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom, member, otherOrg, send } from './chat_fixtures.js'

test.group('POST /chat/messages', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client
      .post('/chat/messages')
      .json({ roomId: crypto.randomUUID(), content: 'hi' })
    response.assertStatus(401)
  })

  test('rejects empty, blank, too long and non-string content', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    for (const content of ['', '   ', 'x'.repeat(10_001), { text: 'hi' }, ['hi'], 42]) {
      const response = await as(client, owner, org, 'post', '/chat/messages').json({
        roomId: room.id,
        content,
      })
      response.assertStatus(422)
      response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'content' }] })
    }
    const longest = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'x'.repeat(10_000),
    })
    longest.assertStatus(201)
  })

  test('stores the message encrypted and returns it with the next seq', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    await send(org, owner, room.id, 'first')
    const response = await as(client, alice, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'a secret plan',
    })
    response.assertStatus(201)
    const message = response.body().data
    assert.equal(message.seq, 2)
    assert.equal(message.content, 'a secret plan')
    assert.equal(message.senderId, alice.user.id)
    const row = await db.from('messages').where('id', message.id).first()
    assert.isNotNull(row.body_ciphertext)
    assert.isNotNull(row.body_key_id)
    const dump = JSON.stringify(await db.from('messages'))
    assert.notInclude(dump, 'a secret plan')
    const me = await db
      .from('room_members')
      .where({ room_id: room.id, user_id: alice.user.id })
      .first()
    assert.equal(Number(me.last_read_seq), 2)
  })

  test('emits message:created after commit with members and mentions', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const events = emitter.fake(['message:created'])
    cleanup(() => emitter.restore())
    const response = await as(client, alice, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: `ping @${bob.user.username.toUpperCase()}, and @${alice.user.username}`,
    })
    response.assertStatus(201)
    const event = events.find('message:created')
    assert.exists(event)
    assert.equal(event!.data.message.id, response.body().data.id)
    assert.deepEqual(event!.data.mentionedUserIds, [bob.user.id])
    assert.sameMembers(event!.data.memberIds, [owner.user.id, alice.user.id, bob.user.id])
    assert.deepEqual(response.body().data.mentions, [{ userId: bob.user.id, kind: 'user' }])
  })

  test('expands @here and @all to room members unless the organization disables them', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const all = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: `@all look, @${bob.user.username} is not here`,
    })
    assert.deepEqual(all.body().data.mentions, [{ userId: alice.user.id, kind: 'all' }])

    await Organization.query()
      .where('id', org.id)
      .update({ settings: JSON.stringify({ allowChannelMentions: false }) })
    const disabled = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: '@here anyone?',
    })
    assert.deepEqual(disabled.body().data.mentions, [])
    const stored = await db.from('message_mentions').where('message_id', disabled.body().data.id)
    assert.lengthOf(stored, 0)
  })

  test('a retry with the same clientMessageId returns the stored message (200)', async ({
    client,
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const body = { roomId: room.id, content: 'once', clientMessageId: crypto.randomUUID() }
    const first = await as(client, owner, org, 'post', '/chat/messages').json(body)
    first.assertStatus(201)
    const retry = await as(client, owner, org, 'post', '/chat/messages').json(body)
    retry.assertStatus(200)
    assert.equal(retry.body().data.id, first.body().data.id)
    assert.equal(retry.body().data.content, 'once')
    const conflict = await as(client, owner, org, 'post', '/chat/messages').json({
      ...body,
      content: 'twice',
    })
    conflict.assertStatus(409)
    conflict.assertBodyContains({ errors: [{ code: 'E_IDEMPOTENCY_CONFLICT' }] })
    const count = await db.from('messages').where('room_id', room.id).count('* as total')
    assert.equal(Number(count[0].total), 1)
  })

  test('replies must point into the same room', async ({ client, assert }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [], 'one')
    const other = await groupRoom(org, owner, [], 'two')
    const elsewhere = await send(org, owner, other.id, 'over there')
    const here = await send(org, owner, room.id, 'over here')
    const bad = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 're',
      replyToId: elsewhere.id,
    })
    bad.assertStatus(422)
    bad.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'replyToId' }] })
    const good = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 're',
      replyToId: here.id,
    })
    good.assertStatus(201)
    assert.equal(good.body().data.replyToId, here.id)
  })

  test("answers 404 for another organization's room and for non-members", async ({ client }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const { org: foreign, stranger } = await otherOrg()
    const foreignResponse = await as(client, stranger, foreign, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'hi',
    })
    foreignResponse.assertStatus(404)
    const outsider = await member(org, 'owner')
    const response = await as(client, outsider, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'hi',
    })
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
  })
})
