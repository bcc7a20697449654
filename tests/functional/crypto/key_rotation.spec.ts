import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import KeyRotation, { type RotationProgress } from '#services/key_rotation'
import MessageCipher from '#services/message_cipher'
import { generateKeyringEntry, keyring, reloadKeyring } from '#services/keyring'
import { resetDatabase } from '#tests/helpers/database'
import { cryptoOrg, insertRoom, readAllBodies, writeEdit, writeMessage } from './crypto_fixtures.js'

const V1 = env.get('ENCRYPTION_KEYS').release()

/** Two rooms with messages and edits; returns the plaintext of every row by id. */
async function seed(perRoom = 6) {
  const org = await cryptoOrg()
  const expected: Record<string, string> = {}
  for (const name of ['alpha', 'beta']) {
    const roomId = await insertRoom(org.id, name)
    for (let i = 0; i < perRoom; i++) {
      const text = `${name} message ${i}`
      const messageId = await writeMessage(roomId, text)
      expected[messageId] = text
      if (i % 3 === 0)
        expected[await writeEdit(messageId, `${text} (before edit)`)] = `${text} (before edit)`
    }
  }
  return expected
}

/** Rows of either body table whose key is retired (should be none after a run). */
async function rowsOnRetiredKeys() {
  const { rows } = await db.rawQuery(
    `SELECT count(*)::int AS count FROM (
       SELECT body_key_id FROM messages UNION ALL SELECT body_key_id FROM message_edits) t
     JOIN room_keys k ON k.id = t.body_key_id WHERE k.status = 'retired'`
  )
  return rows[0].count as number
}

test.group('Key rotation', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    reloadKeyring(V1)
    return () => {
      reloadKeyring()
    }
  })

  test('rewraps every room key under a new master version and keeps every body readable', async ({
    assert,
  }) => {
    const expected = await seed()
    const v2 = generateKeyringEntry(2)
    reloadKeyring(`${V1},${v2}`)
    const progress: RotationProgress[] = []

    const result = await KeyRotation.rewrap({ batchSize: 1, onProgress: (p) => progress.push(p) })
    assert.deepInclude(result, { currentVersion: 2, rewrapped: 2, aborted: false })
    assert.deepEqual(progress.at(-1), { phase: 'rewrap', done: 2, total: 2 })
    const keys = await db.from('room_keys')
    assert.deepEqual([...new Set(keys.map((key) => key.master_version))], [2])

    reloadKeyring(v2)
    assert.equal(MessageCipher.cachedKeys, 0)
    assert.deepEqual(await readAllBodies(), expected)
    const again = await KeyRotation.rewrap()
    assert.equal(again.rewrapped, 0)
  })

  test('reports keys per master version and keys waiting for a rewrap', async ({ assert }) => {
    await seed(1)
    reloadKeyring(`${V1},${generateKeyringEntry(2)}`)
    const before = await KeyRotation.status()
    assert.deepInclude(before, {
      currentVersion: 2,
      configuredVersions: [1, 2],
      versionsInUse: [1],
      missingVersions: [],
      keysPendingRewrap: 2,
      rowsPendingReencryption: 0,
    })
    assert.deepEqual(before.keysByMasterVersion, [{ masterVersion: 1, status: 'active', count: 2 }])

    await KeyRotation.rewrap()
    reloadKeyring(V1)
    const after = await KeyRotation.status()
    assert.deepInclude(after, { versionsInUse: [2], missingVersions: [2], keysPendingRewrap: 2 })
  })

  test('re-encrypts every body under new room keys and destroys the old keys', async ({
    assert,
  }) => {
    const expected = await seed()
    const keysBefore = await db.from('room_keys')
    const oldKeys = keysBefore.map((key) => key.id)
    reloadKeyring(`${V1},${generateKeyringEntry(2)}`)
    await KeyRotation.rewrap()
    const readsDuringRun: Record<string, string>[] = []

    const result = await KeyRotation.reencrypt({
      batchSize: 2,
      onProgress: async () => {
        if (readsDuringRun.length < 3) readsDuringRun.push(await readAllBodies())
      },
    })
    assert.deepInclude(result, { aborted: false, roomsDone: 2, roomsTotal: 2, done: 16, total: 16 })

    assert.deepEqual(await readAllBodies(), expected)
    readsDuringRun.forEach((bodies) => assert.deepEqual(bodies, expected))
    assert.equal(await rowsOnRetiredKeys(), 0)
    const old = await db.from('room_keys').whereIn('id', oldKeys)
    assert.deepEqual(
      old.map((key) => [key.status, key.wrapped_key, key.retired_at !== null]),
      [
        ['retired', null, true],
        ['retired', null, true],
      ]
    )
    const active = await db.from('room_keys').where('status', 'active')
    assert.lengthOf(active, 2)
    assert.deepEqual([...new Set(active.map((key) => key.master_version))], [2])
    const status = await KeyRotation.status()
    assert.equal(status.rowsPendingReencryption, 0)
    await assert.rejects(() => MessageCipher.decrypt(oldKeys[0], 'v1:AA==:AA==:AA=='), /destroyed/)
  })

  test('resumes an aborted re-encryption where it stopped, without rotating rooms twice', async ({
    assert,
  }) => {
    const expected = await seed(9)
    const controller = new AbortController()
    let batches = 0

    const first = await KeyRotation.reencrypt({
      batchSize: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.roomsDone === undefined || ++batches === 3) controller.abort()
      },
    })
    assert.isTrue(first.aborted)
    assert.equal(first.done, 6)
    assert.isAbove(await rowsOnRetiredKeys(), 0)
    assert.deepEqual(await readAllBodies(), expected)

    const halfDone = await db.from('room_keys').where('status', 'retired').firstOrFail()
    const lateId = await writeMessage(halfDone.room_id, 'written between the two runs')
    expected[lateId] = 'written between the two runs'
    const late = await db.from('messages').where('id', lateId).firstOrFail()
    const active = await db.from('room_keys').where('id', late.body_key_id).firstOrFail()
    assert.equal(active.status, 'active')
    const { rowsPendingReencryption: pending } = await KeyRotation.status()
    assert.equal(pending, Object.keys(expected).length - 6 - 1)

    const second = await KeyRotation.reencrypt({ batchSize: 2 })
    assert.deepInclude(second, { aborted: false, resumed: true, runId: first.runId })
    assert.equal(second.done, pending)
    assert.deepEqual(await readAllBodies(), expected)
    assert.equal(await rowsOnRetiredKeys(), 0)
    const perRoom = await db
      .from('room_keys')
      .select('room_id')
      .count('* as count')
      .groupBy('room_id')
    assert.deepEqual(
      perRoom.map((row) => Number(row.count)),
      [2, 2]
    )
    const run = await db.from('key_rotation_runs').where('id', first.runId).firstOrFail()
    assert.isNotNull(run.finished_at)
    assert.equal(Number(run.rows_done), 6 + pending)
  })

  test('starts a new run after a finished one and rotates every room again', async ({ assert }) => {
    const expected = await seed(2)
    const first = await KeyRotation.reencrypt()
    const second = await KeyRotation.reencrypt()
    assert.isFalse(second.resumed)
    assert.notEqual(second.runId, first.runId)
    assert.equal(second.roomsDone, 2)
    assert.deepEqual(await readAllBodies(), expected)
    const destroyed = await db.from('room_keys').whereNull('wrapped_key')
    assert.lengthOf(destroyed, 4)
    assert.equal(keyring().currentVersion, 1)
  })
})
