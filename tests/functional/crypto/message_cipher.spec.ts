import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import MessageCipher from '#services/message_cipher'
import { keyring } from '#services/keyring'
import { resetDatabase } from '#tests/helpers/database'
import { cryptoOrg, insertRoom, writeEdit, writeMessage } from './crypto_fixtures.js'

test.group('MessageCipher', (group) => {
  group.each.setup(() => resetDatabase())

  test('creates one active room key wrapped under the current master version', async ({
    assert,
  }) => {
    const org = await cryptoOrg()
    const roomId = await insertRoom(org.id)
    const again = await db.transaction((trx) => MessageCipher.createRoomKey(roomId, trx))

    const keys = await db.from('room_keys').where('room_id', roomId)
    assert.lengthOf(keys, 1)
    assert.equal(keys[0].id, again)
    assert.equal(keys[0].organization_id, org.id)
    assert.equal(keys[0].status, 'active')
    assert.equal(keys[0].master_version, keyring().currentVersion)
    const ring = keyring()
    assert.lengthOf(ring.unwrap(keys[0].wrapped_key, keys[0].master_version, roomId), 32)
    assert.throws(
      () => ring.unwrap(keys[0].wrapped_key, keys[0].master_version, randomUUID()),
      /failed authentication/
    )
  })

  test('encrypts a body under the room key and decrypts it back', async ({ assert }) => {
    const org = await cryptoOrg()
    const roomId = await insertRoom(org.id)
    const text = 'Quarterly numbers: ünïcödé 🎉 and "quotes"'
    const messageId = await writeMessage(roomId, text)

    const row = await db.from('messages').where('id', messageId).firstOrFail()
    const key = await db.from('room_keys').where('room_id', roomId).firstOrFail()
    assert.equal(row.body_key_id, key.id)
    assert.match(row.body_ciphertext, /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/)
    assert.notInclude(row.body_ciphertext, 'Quarterly')
    assert.equal(await MessageCipher.decrypt(row.body_key_id, row.body_ciphertext), text)
  })

  test('gives every room its own key, so a body cannot be opened with another room key', async ({
    assert,
  }) => {
    const org = await cryptoOrg()
    const first = await insertRoom(org.id, 'first')
    const second = await insertRoom(org.id, 'second')
    const messageId = await writeMessage(first, 'secret of the first room')
    const row = await db.from('messages').where('id', messageId).firstOrFail()
    const other = await db.from('room_keys').where('room_id', second).firstOrFail()

    assert.notEqual(other.id, row.body_key_id)
    await assert.rejects(
      () => MessageCipher.decrypt(other.id, row.body_ciphertext),
      /failed authentication/
    )
  })

  test('creates the room key on first use for a room that has none', async ({ assert }) => {
    const org = await cryptoOrg()
    const roomId = await insertRoom(org.id)
    await db.from('room_keys').where('room_id', roomId).delete()

    const messageId = await writeMessage(roomId, 'first message')
    const keys = await db.from('room_keys').where('room_id', roomId)
    const row = await db.from('messages').where('id', messageId).firstOrFail()
    assert.lengthOf(keys, 1)
    assert.equal(row.body_key_id, keys[0].id)
  })

  test('unwraps a room key once for a page of messages', async ({ assert }) => {
    const org = await cryptoOrg()
    const roomId = await insertRoom(org.id)
    for (let i = 0; i < 50; i++) await writeMessage(roomId, `message ${i}`)
    const first = await db.from('messages').firstOrFail()
    await writeEdit(first.id, 'older text')
    MessageCipher.forget()

    const ring = keyring()
    const unwrap = ring.unwrap.bind(ring)
    let unwraps = 0
    ring.unwrap = (...args) => {
      unwraps++
      return unwrap(...args)
    }
    try {
      const rows = await db.from('messages').orderBy('seq')
      const bodies = await Promise.all(
        rows.map((row) => MessageCipher.decrypt(row.body_key_id, row.body_ciphertext))
      )
      assert.deepEqual(
        bodies,
        rows.map((_, i) => `message ${i}`)
      )
      assert.equal(unwraps, 1)
    } finally {
      ring.unwrap = unwrap
    }
  })

  test('refuses to decrypt with an unknown key id', async ({ assert }) => {
    const org = await cryptoOrg()
    const roomId = await insertRoom(org.id)
    const messageId = await writeMessage(roomId, 'hello')
    const row = await db.from('messages').where('id', messageId).firstOrFail()

    await assert.rejects(
      () => MessageCipher.decrypt('00000000-0000-4000-8000-000000000000', row.body_ciphertext),
      /does not exist/
    )
  })
})
