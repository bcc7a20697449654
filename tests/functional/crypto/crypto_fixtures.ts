import { createHash, randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import MessageCipher from '#services/message_cipher'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'

/*
 * Crypto fixtures: rooms and messages written straight into the chat tables
 * through MessageCipher, the way the send and edit actions write them, so
 * these tests depend on the schema and the cipher only.
 */

/** An organization to own the rooms. */
export async function cryptoOrg() {
  const owner = await createUserWithToken()
  return createOrgWith(owner.user)
}

/** A group room with its data key, created in one transaction as room creation does. */
export async function insertRoom(organizationId: string, name = 'general') {
  return db.transaction(async (trx) => {
    const id = randomUUID()
    await trx.table('rooms').insert({
      id,
      organization_id: organizationId,
      type: 'group',
      name,
      created_at: new Date(),
      updated_at: new Date(),
    })
    await MessageCipher.createRoomKey(id, trx)
    return id
  })
}

/** A message whose body is encrypted inside the writing transaction. */
export async function writeMessage(roomId: string, text: string) {
  return db.transaction(async (trx) => {
    const counters = await trx.rawQuery(
      `UPDATE rooms SET last_seq = last_seq + 1, change_seq = change_seq + 1
       WHERE id = ? RETURNING organization_id, last_seq, change_seq`,
      [roomId]
    )
    const room = counters.rows[0]
    const { keyId, ciphertext } = await MessageCipher.encrypt(roomId, text, trx)
    const id = randomUUID()
    await trx.table('messages').insert({
      id,
      organization_id: room.organization_id,
      room_id: roomId,
      seq: room.last_seq,
      version_seq: room.change_seq,
      body_hash: createHash('sha256').update(text).digest('hex'),
      body_ciphertext: ciphertext,
      body_key_id: keyId,
      created_at: new Date(),
    })
    return id
  })
}

/** An edit-history row keeping `previous`, encrypted like the edit action does. */
export async function writeEdit(messageId: string, previous: string) {
  return db.transaction(async (trx) => {
    const message = await trx.from('messages').where('id', messageId).firstOrFail()
    const { keyId, ciphertext } = await MessageCipher.encrypt(message.room_id, previous, trx)
    const id = randomUUID()
    await trx.table('message_edits').insert({
      id,
      organization_id: message.organization_id,
      message_id: messageId,
      body_ciphertext: ciphertext,
      body_key_id: keyId,
      edited_at: new Date(),
    })
    return id
  })
}

/** Every message body and edit body, decrypted, keyed by row id. */
export async function readAllBodies() {
  const rows = [
    ...(await db.from('messages').select('id', 'body_ciphertext', 'body_key_id')),
    ...(await db.from('message_edits').select('id', 'body_ciphertext', 'body_key_id')),
  ]
  const bodies: Record<string, string> = {}
  for (const row of rows) {
    bodies[row.id] = await MessageCipher.decrypt(row.body_key_id, row.body_ciphertext)
  }
  return bodies
}
