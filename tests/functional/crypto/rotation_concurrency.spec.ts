import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import KeyRotation from '#services/key_rotation'
import MessageCipher from '#services/message_cipher'
import { resetDatabase } from '#tests/helpers/database'
import { cryptoOrg, insertRoom, readAllBodies, writeMessage } from './crypto_fixtures.js'

/** 'waiting' once a session of this database waits for a row lock, or 'finished' with `done`. */
async function lockWaitOr(done: Promise<unknown>) {
  let settled = false
  const finished = done.then(() => {
    settled = true
    return 'finished' as const
  })
  return Promise.race([finished, untilSomeoneWaitsForALock(() => settled)])
}

async function untilSomeoneWaitsForALock(stop: () => boolean) {
  while (!stop()) {
    const { rows } = await db.rawQuery(
      `SELECT count(*)::int AS count FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock'`
    )
    if (rows[0].count > 0) return 'waiting' as const
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

test.group('Key rotation with concurrent writers', (group) => {
  group.each.setup(() => resetDatabase())

  test('waits for a send still holding the old key, then re-encrypts its message too', async ({
    assert,
  }) => {
    const org = await cryptoOrg()
    const roomId = await insertRoom(org.id)
    const expected: Record<string, string> = {}
    expected[await writeMessage(roomId, 'before the rotation')] = 'before the rotation'

    const sender = await db.transaction()
    const { keyId, ciphertext } = await MessageCipher.encrypt(roomId, 'sent during it', sender)
    const messageId = randomUUID()
    await sender.table('messages').insert({
      id: messageId,
      organization_id: org.id,
      room_id: roomId,
      seq: 2,
      version_seq: 2,
      body_hash: 'x'.repeat(64),
      body_ciphertext: ciphertext,
      body_key_id: keyId,
      created_at: new Date(),
    })
    expected[messageId] = 'sent during it'

    const rotation = KeyRotation.reencrypt()
    const state = await lockWaitOr(rotation)
    await sender.commit()
    assert.equal(state, 'waiting', 'the rotation must wait for the open send')
    const result = await rotation

    assert.isFalse(result.aborted)
    assert.deepEqual(await readAllBodies(), expected)
    const rows = await db.from('messages').select('body_key_id')
    const active = await db.from('room_keys').where('status', 'active').firstOrFail()
    assert.deepEqual(
      rows.map((row) => row.body_key_id),
      [active.id, active.id]
    )
    const old = await db.from('room_keys').where('id', keyId).firstOrFail()
    assert.deepEqual([old.status, old.wrapped_key], ['retired', null])
  })
})
