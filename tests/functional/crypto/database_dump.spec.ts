import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import MessageCipher from '#services/message_cipher'
import KeyRotation from '#services/key_rotation'
import { resetDatabase } from '#tests/helpers/database'
import { cryptoOrg, insertRoom, writeEdit, writeMessage } from './crypto_fixtures.js'

const PG_DUMP = '/usr/bin/pg_dump'

/** The test database as pg_dump prints it (data only). */
function pgDump() {
  const result = spawnSync(
    PG_DUMP,
    [
      '--data-only',
      '--no-owner',
      '-h',
      env.get('DB_HOST', '127.0.0.1'),
      '-p',
      String(env.get('DB_PORT', 5432)),
      '-U',
      env.get('DB_USER', 'postgres'),
      env.get('DB_DATABASE', 'parley_test'),
    ],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: env.get('DB_PASSWORD', '') } }
  )
  if (result.status !== 0) throw new Error(`pg_dump failed: ${result.stderr}`)
  return result.stdout
}

/** Every text, varchar, json and jsonb value of every application table, as one string. */
async function textColumns() {
  const columns = await db
    .from('information_schema.columns')
    .where('table_schema', 'public')
    .whereIn('data_type', ['text', 'character varying', 'json', 'jsonb'])
    .select('table_name', 'column_name')
  const parts: string[] = []
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await db
      .from(table)
      .whereNotNull(column)
      .select(db.raw('??::text AS v', [column]))
    parts.push(...rows.map((row) => row.v))
  }
  return { columns: columns.length, text: parts.join('\n') }
}

/** Writes messages and edits with unique canary words; returns them and the room name. */
async function writeCanaries() {
  const canary = `canary-${randomBytes(6).toString('hex')}`
  const roomName = `room-${randomBytes(6).toString('hex')}`
  const org = await cryptoOrg()
  const roomId = await insertRoom(org.id, roomName)
  const texts = [`${canary} first`, `Ünïcode ${canary} 🎉`, `${canary} "quoted" <b>`]
  for (const text of texts) {
    const messageId = await writeMessage(roomId, text)
    await writeEdit(messageId, `${text} before edit`)
  }
  return { canary, roomName, roomId }
}

/** Strings that must never be stored: the canary in clear and in common encodings. */
function forms(secret: string) {
  const bytes = Buffer.from(secret, 'utf8')
  return [secret, bytes.toString('base64'), bytes.toString('hex'), `\\x${bytes.toString('hex')}`]
}

test.group('Database dump', (group) => {
  group.each.setup(() => resetDatabase())

  test('holds no message text and no unwrapped room key in any text or json column', async ({
    assert,
  }) => {
    const { canary, roomName, roomId } = await writeCanaries()
    const keyRow = await db.from('room_keys').where('room_id', roomId).firstOrFail()
    const roomKey = await MessageCipher.keyById(keyRow.id)

    const { columns, text } = await textColumns()
    assert.isAbove(columns, 10)
    assert.include(text, roomName, 'the scan must see plaintext columns')
    for (const form of [...forms(canary), roomKey.toString('base64'), roomKey.toString('hex')]) {
      assert.notInclude(text, form)
    }
  })

  test('pg_dump of the whole database reveals no message text, before or after re-encryption', async ({
    assert,
  }) => {
    assert.isTrue(existsSync(PG_DUMP), `${PG_DUMP} is needed for this test`)
    const { canary, roomName, roomId } = await writeCanaries()
    const keyRow = await db.from('room_keys').where('room_id', roomId).firstOrFail()
    const roomKey = await MessageCipher.keyById(keyRow.id)

    const before = pgDump()
    assert.include(before, roomName, 'the dump must contain the data')
    assert.include(before, keyRow.wrapped_key, 'the dump holds wrapped keys only')
    for (const form of [...forms(canary), roomKey.toString('base64'), roomKey.toString('hex')]) {
      assert.notInclude(before, form)
    }

    await KeyRotation.reencrypt()
    const after = pgDump()
    assert.notInclude(after, keyRow.wrapped_key, 'the old room key is destroyed')
    forms(canary).forEach((form) => assert.notInclude(after, form))
  })
})
