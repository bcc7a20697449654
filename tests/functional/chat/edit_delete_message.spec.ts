import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom, member, otherOrg, send } from './chat_fixtures.js'

test.group('PUT /chat/messages/:messageId', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client
      .put(`/chat/messages/${crypto.randomUUID()}`)
      .json({ content: 'x' })
    response.assertStatus(401)
  })

  test('rejects content that is not a non-empty string', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const message = await send(org, owner, room.id, 'hi')
    const response = await as(client, owner, org, 'put', `/chat/messages/${message.id}`).json({
      content: ['x'],
    })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION_ERROR', field: 'content' }] })
  })

  test('lets the author edit, keeping the old body encrypted in the history', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, alice, room.id, 'draft text')
    const response = await as(client, alice, org, 'put', `/chat/messages/${message.id}`).json({
      content: 'final text',
    })
    response.assertStatus(200)
    const edited = response.body().data
    assert.equal(edited.content, 'final text')
    assert.equal(edited.seq, message.seq)
    assert.isAbove(edited.versionSeq, message.versionSeq)
    assert.isString(edited.editedAt)
    const history = await db.from('message_edits').where('message_id', message.id)
    assert.lengthOf(history, 1)
    assert.isNotNull(history[0].body_ciphertext)
    assert.notInclude(JSON.stringify(history), 'draft text')
  })

  test('forbids editing somebody else’s message, even for an owner', async ({ client }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, alice, room.id, 'mine')
    const response = await as(client, owner, org, 'put', `/chat/messages/${message.id}`).json({
      content: 'yours now',
    })
    response.assertStatus(403)
  })

  test('refuses to edit a deleted message', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [])
    const message = await send(org, owner, room.id, 'gone soon')
    await as(client, owner, org, 'delete', `/chat/messages/${message.id}`)
    const response = await as(client, owner, org, 'put', `/chat/messages/${message.id}`).json({
      content: 'back',
    })
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_MESSAGE_DELETED' }] })
  })

  test("answers 404 for another organization's message and for non-members", async ({ client }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, alice, room.id, 'hi')
    const { org: foreign, stranger } = await otherOrg()
    const url = `/chat/messages/${message.id}`
    const foreignResponse = await as(client, stranger, foreign, 'put', url).json({ content: 'x' })
    foreignResponse.assertStatus(404)
    const outsider = await member(org, 'owner')
    const response = await as(client, outsider, org, 'put', url).json({ content: 'x' })
    response.assertStatus(404)
  })
})

test.group('DELETE /chat/messages/:messageId', (group) => {
  group.each.setup(() => resetDatabase())

  test('requires a token', async ({ client }) => {
    const response = await client.delete(`/chat/messages/${crypto.randomUUID()}`)
    response.assertStatus(401)
  })

  test('answers 404 for a malformed id', async ({ client }) => {
    const { org, owner } = await chatOrg()
    const response = await as(client, owner, org, 'delete', '/chat/messages/12')
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
  })

  test('soft-deletes: the row and seq stay, the body and history go', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, alice, room.id, 'oops')
    await as(client, alice, org, 'put', `/chat/messages/${message.id}`).json({ content: 'oops2' })
    const response = await as(client, alice, org, 'delete', `/chat/messages/${message.id}`)
    response.assertStatus(204)
    const row = await db.from('messages').where('id', message.id).first()
    assert.isNotNull(row.deleted_at)
    assert.isNull(row.body_ciphertext)
    assert.equal(Number(row.seq), message.seq)
    assert.lengthOf(await db.from('message_edits').where('message_id', message.id), 0)
    const page = await as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`)
    assert.equal(page.body().data[0].id, message.id)
    assert.isNull(page.body().data[0].content)
    assert.isString(page.body().data[0].deletedAt)
    const again = await as(client, alice, org, 'delete', `/chat/messages/${message.id}`)
    again.assertStatus(204)
  })

  test('lets a moderator delete others’ messages; plain members get 403', async ({ client }) => {
    const { org, owner, moderator, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [moderator, alice, bob])
    const message = await send(org, alice, room.id, 'rude')
    const denied = await as(client, bob, org, 'delete', `/chat/messages/${message.id}`)
    denied.assertStatus(403)
    const allowed = await as(client, moderator, org, 'delete', `/chat/messages/${message.id}`)
    allowed.assertStatus(204)
  })

  test("answers 404 for another organization's message and for non-members", async ({ client }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, alice, room.id, 'hi')
    const { org: foreign, stranger } = await otherOrg()
    const url = `/chat/messages/${message.id}`
    const foreignResponse = await as(client, stranger, foreign, 'delete', url)
    foreignResponse.assertStatus(404)
    const outsider = await member(org, 'owner')
    const response = await as(client, outsider, org, 'delete', url)
    response.assertStatus(404)
  })
})
