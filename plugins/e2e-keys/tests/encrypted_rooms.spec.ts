import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ServerProcess } from '#tests/helpers/server_process'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg } from '#tests/functional/chat/chat_fixtures'
import * as e2e from '../../../packages/client/src/e2e/index.js'
import { E2eUser, collect, expectStatus, nextEvent, startE2eServer } from './e2e_fixtures.js'

/** How many messages a room holds. */
async function messageCount(roomId: string) {
  const rows = await db.from('messages').where('room_id', roomId).count('* as n')
  return Number(rows[0].n)
}

/** Every stored text column of a room's messages and keys, as one string to search. */
async function storedRoomData(roomId: string) {
  const rows = await db.rawQuery(
    `SELECT m::text AS row FROM messages m WHERE room_id = ?
     UNION ALL SELECT e::text FROM e2e_room_key_envelopes e WHERE room_id = ?
     UNION ALL SELECT n::text FROM notifications n WHERE room_id = ?`,
    [roomId, roomId, roomId]
  )
  return rows.rows.map((row: { row: string }) => row.row).join('\n')
}

test.group('e2e-keys: encrypted rooms (server process)', (group) => {
  let server: ServerProcess
  const users: E2eUser[] = []

  group.setup(async () => {
    server = await startE2eServer()
    return () => server.stop()
  })
  group.each.setup(async () => {
    await resetDatabase()
    return () => users.splice(0).forEach((user) => user.close())
  })

  /** An organization whose owner, alice and bob are registered E2E clients. */
  async function setup(count = 3) {
    const { org, owner, alice, bob, moderator } = await chatOrg()
    const people = [owner, alice, bob, moderator].slice(0, count)
    const clients = await Promise.all(people.map((who) => new E2eUser(server, who, org).register()))
    users.push(...clients)
    return { org, clients }
  }

  /** Creates an encrypted room of `creator` with `others`, and its key version 1. */
  async function encryptedRoom(creator: E2eUser, others: E2eUser[]) {
    const created = await creator.call('POST', '/chat/rooms/group', {
      name: 'secret',
      memberIds: others.map((other) => other.id),
      encrypted: true,
    })
    const room = expectStatus(created, 201).data
    await creator.rekey(room.id)
    for (const other of others) await other.loadRoomKeys(room.id)
    return room.id as string
  }

  test('two clients exchange encrypted messages over sockets; nothing readable is stored', async ({
    assert,
  }) => {
    const { clients } = await setup(2)
    const [owner, alice] = clients
    const roomId = await encryptedRoom(owner, [alice])
    await owner.connect()
    const aliceSocket = await alice.connect()
    const received = nextEvent(aliceSocket, 'new_message')
    const ack = await owner.send(roomId, 'meet at the north gate')
    assert.isTrue(ack.ok, JSON.stringify(ack))
    assert.isNull(ack.data.content)
    const message = await received
    assert.equal(message.id, ack.data.id)
    assert.equal(await alice.decrypt(message), 'meet at the north gate')

    const reply = nextEvent(owner.socket!, 'new_message')
    const replied = await alice.send(roomId, 'understood, north gate')
    assert.isTrue(replied.ok)
    assert.equal(await owner.decrypt(await reply), 'understood, north gate')

    const history = expectStatus(await alice.call('GET', `/chat/rooms/${roomId}/messages`), 200)
    assert.lengthOf(history.data, 2)
    assert.deepEqual(await Promise.all(history.data.map((m: any) => alice.decrypt(m))), [
      'meet at the north gate',
      'understood, north gate',
    ])
    const apiText = JSON.stringify(history)
    assert.notInclude(apiText, 'north gate')
    const rows = await db.from('messages').where('room_id', roomId)
    assert.lengthOf(rows, 2)
    for (const row of rows) {
      assert.isNull(row.body_ciphertext)
      assert.isNull(row.body_key_id)
      assert.equal(row.encrypted_payload.keyVersion, 1)
    }
    assert.notInclude(await storedRoomData(roomId), 'north gate')
  })

  test('a thread-only reply stays opaque and out of the room’s history', async ({ assert }) => {
    const { clients } = await setup(2)
    const [owner, alice] = clients
    const roomId = await encryptedRoom(owner, [alice])
    await owner.connect()
    const root = await owner.send(roomId, 'the plan')
    assert.isTrue(root.ok, JSON.stringify(root))
    const sealed = await owner.seal(roomId, 'a detail for the thread')
    const reply = await owner.call('POST', '/chat/messages', {
      roomId,
      ...sealed,
      replyToId: root.data.id,
      threadOnly: true,
    })
    const stored = expectStatus(reply, 201).data
    assert.isTrue(stored.threadOnly)
    assert.isNull(stored.content)
    assert.equal(await alice.decrypt(stored), 'a detail for the thread')

    const history = expectStatus(await alice.call('GET', `/chat/rooms/${roomId}/messages`), 200)
    assert.deepEqual(
      history.data.map((m: { id: string }) => m.id),
      [root.data.id]
    )
    const row = await db.from('messages').where('id', stored.id).firstOrFail()
    assert.isTrue(row.thread_only)
    assert.notInclude(await storedRoomData(roomId), 'detail for the thread')
  })

  test('an encrypted message’s explicit mentions are on its history page', async ({ assert }) => {
    const { clients } = await setup(2)
    const [owner, alice] = clients
    const roomId = await encryptedRoom(owner, [alice])
    const sealed = await owner.seal(roomId, 'for alice')
    const sent = await owner.call('POST', '/chat/messages', {
      roomId,
      ...sealed,
      mentions: [alice.id],
    })
    const stored = expectStatus(sent, 201).data
    const history = expectStatus(await alice.call('GET', `/chat/rooms/${roomId}/messages`), 200)
    const page = history.data.find((m: { id: string }) => m.id === stored.id)
    assert.deepEqual(page.mentions, [{ userId: alice.id, kind: 'user' }])
  })

  test('three clients: every member decrypts every message', async ({ assert }) => {
    const { clients } = await setup(3)
    const [owner, alice, bob] = clients
    const roomId = await encryptedRoom(owner, [alice, bob])
    await Promise.all(clients.map((client) => client.connect()))
    const inboxes = clients.map((client) => collect(client.socket!, 'new_message'))
    const texts = ['first from owner', 'second from alice', 'third from bob']
    for (const [index, client] of clients.entries()) {
      const ack = await client.send(roomId, texts[index])
      assert.isTrue(ack.ok, JSON.stringify(ack))
    }
    await Promise.all(clients.map((client) => client.call('GET', `/chat/rooms/${roomId}/messages`)))
    for (const [index, client] of clients.entries()) {
      while (inboxes[index].length < 3) await new Promise((resolve) => setTimeout(resolve, 20))
      const opened = await Promise.all(inboxes[index].map((m) => client.decrypt(m)))
      assert.deepEqual(opened, texts)
    }
    const stored = await storedRoomData(roomId)
    for (const text of texts) assert.notInclude(stored, text)
  })

  test('a removed member gets no envelope for the next version and cannot decrypt new messages', async ({
    assert,
  }) => {
    const { clients } = await setup(3)
    const [owner, alice, bob] = clients
    const roomId = await encryptedRoom(owner, [alice, bob])
    const ownerSocket = await owner.connect()
    const aliceSocket = await alice.connect()
    const rekey = nextEvent(ownerSocket, 'room_rekey_required')
    expectStatus(await owner.call('DELETE', `/chat/rooms/${roomId}/members/${bob.id}`), 204)
    assert.deepInclude(await rekey, { roomId, staleVersion: 1, reason: 'member_removed' })

    const version = await owner.rekey(roomId)
    assert.equal(version, 2)
    const envelopes = await db.from('e2e_room_key_envelopes').where({ room_id: roomId, version: 2 })
    assert.sameMembers(
      envelopes.map((row) => row.user_id),
      [owner.id, alice.id]
    )
    await alice.loadRoomKeys(roomId)
    const bobKeys = await bob.call('GET', `/chat/rooms/${roomId}/keys`)
    assert.equal(bobKeys.status, 404)

    const received = nextEvent(aliceSocket, 'new_message')
    const ack = await owner.send(roomId, 'bob must not read this')
    assert.isTrue(ack.ok, JSON.stringify(ack))
    const message = await received
    assert.equal(await alice.decrypt(message), 'bob must not read this')
    await assert.rejects(() => bob.decrypt(message), /no key for version 2/)
    const oldKey = bob.keysOf(roomId).get(1)!
    await assert.rejects(() =>
      e2e.decryptMessage(oldKey, roomId, { ...message.encrypted, keyVersion: 1 })
    )
  })

  test('a message on a stale key version is 409 E_ROOM_KEY_STALE on REST and sockets', async ({
    assert,
  }) => {
    const { clients } = await setup(4)
    const [owner, alice, , moderator] = clients
    const roomId = await encryptedRoom(owner, [alice])
    await owner.connect()
    const aliceSocket = await alice.connect()
    const rekey = nextEvent(aliceSocket, 'room_rekey_required')
    const added = await owner.call('POST', `/chat/rooms/${roomId}/members`, {
      userIds: [moderator.id],
    })
    expectStatus(added, 200)
    assert.deepInclude(await rekey, { roomId, staleVersion: 1, reason: 'member_added' })

    const rest = await owner.call('POST', '/chat/messages', {
      roomId,
      ...(await owner.seal(roomId, 'on the stale key')),
    })
    assert.equal(rest.status, 409)
    assert.equal(rest.body.errors[0].code, 'E_ROOM_KEY_STALE')
    const ack = await owner.send(roomId, 'on the stale key')
    assert.deepInclude(ack, { ok: false })
    assert.equal(ack.error.code, 'E_ROOM_KEY_STALE')
    assert.equal(await messageCount(roomId), 0)

    await owner.rekey(roomId)
    await moderator.loadRoomKeys(roomId)
    const old = await owner.call('POST', '/chat/messages', {
      roomId,
      ...(await e2e.encryptMessage(owner.keysOf(roomId).get(1)!, {
        roomId,
        keyVersion: 1,
        text: 'old key',
      })),
    })
    assert.equal(old.status, 409)
    assert.equal(old.body.errors[0].code, 'E_ROOM_KEY_STALE')
    const fresh = await owner.call('POST', '/chat/messages', {
      roomId,
      ...(await owner.seal(roomId, 'welcome')),
    })
    const stored = expectStatus(fresh, 201).data
    assert.equal(stored.encrypted.keyVersion, 2)
    assert.equal(await moderator.decrypt(stored), 'welcome')
  })

  test('sends take only AES-256-GCM with a 12-byte iv and a 16-byte tag, on both doors', async ({
    assert,
  }) => {
    const { clients } = await setup(2)
    const [owner, alice] = clients
    const roomId = await encryptedRoom(owner, [alice])
    const sealed = await owner.seal(roomId, 'hidden')
    const b64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64')
    const cases: [object, string][] = [
      [{ algorithm: 'AES-128-CBC' }, 'algorithm'],
      [{ algorithm: 'aes-256-gcm' }, 'algorithm'],
      [{ algorithm: 'constructor' }, 'algorithm'],
      [{ iv: b64(8) }, 'iv'],
      [{ iv: b64(16) }, 'iv'],
      [{ iv: b64(12).slice(0, 15) }, 'iv'],
      [{ ciphertext: b64(16) }, 'ciphertext'],
      [{ ciphertext: b64(4) }, 'ciphertext'],
    ]
    const socket = await owner.connect()
    for (const [change, field] of cases) {
      const body = { roomId, ...sealed, ...change }
      const rest = await owner.call('POST', '/chat/messages', body)
      assert.equal(rest.status, 422, JSON.stringify(change))
      assert.deepInclude(rest.body.errors[0], { code: 'E_VALIDATION_ERROR', field })
      const ack: any = await new Promise((resolve) =>
        socket.emit('send_message', body as any, resolve)
      )
      assert.deepInclude(ack.error, { code: 'E_VALIDATION_ERROR', field }, JSON.stringify(change))
    }
    assert.equal(await messageCount(roomId), 0)
    const good = await owner.call('POST', '/chat/messages', { roomId, ...sealed })
    expectStatus(good, 201)
  })

  test('encrypted rooms refuse plaintext; plaintext rooms refuse ciphertext (422)', async ({
    assert,
  }) => {
    const { clients } = await setup(2)
    const [owner, alice] = clients
    const roomId = await encryptedRoom(owner, [alice])
    const sealed = await owner.seal(roomId, 'hidden')
    const cases: [object, string, string][] = [
      [{ roomId, content: 'in clear' }, 'E_ENCRYPTED_ROOM', 'content'],
      [{ roomId, content: 'in clear', ...sealed }, 'E_VALIDATION_ERROR', 'content'],
      [{ roomId, ...sealed, ciphertext: 'not base64!' }, 'E_VALIDATION_ERROR', 'ciphertext'],
      [{ roomId, ...sealed, keyVersion: '1' }, 'E_VALIDATION_ERROR', 'keyVersion'],
      [{ roomId, ...sealed, iv: ['x'] }, 'E_VALIDATION_ERROR', 'iv'],
    ]
    const socket = await owner.connect()
    for (const [body, code, field] of cases) {
      const rest = await owner.call('POST', '/chat/messages', body)
      assert.equal(rest.status, 422, JSON.stringify(body))
      assert.deepInclude(rest.body.errors[0], { code, field })
      const ack: any = await new Promise((resolve) =>
        socket.emit('send_message', body as any, resolve)
      )
      assert.deepInclude(ack.error, { code, field })
    }
    const plain = await owner.call('POST', '/chat/rooms/group', {
      name: 'plain',
      memberIds: [alice.id],
    })
    const plainId = expectStatus(plain, 201).data.id
    const wrongRoom = await owner.call('POST', '/chat/messages', { roomId: plainId, ...sealed })
    assert.equal(wrongRoom.status, 422)
    assert.deepInclude(wrongRoom.body.errors[0], { code: 'E_PLAINTEXT_ROOM', field: 'ciphertext' })
    const edit = await owner.call('POST', '/chat/messages', { roomId, ...sealed })
    const messageId = expectStatus(edit, 201).data.id
    const edited = await owner.call('PUT', `/chat/messages/${messageId}`, { content: 'in clear' })
    assert.equal(edited.status, 422)
    assert.equal(edited.body.errors[0].code, 'E_ENCRYPTED_ROOM')
    assert.equal(await messageCount(roomId), 1)
  })

  test('the client helper rejects an envelope whose signature does not verify', async ({
    assert,
  }) => {
    const { clients } = await setup(3)
    const [owner, alice, bob] = clients
    const roomId = await encryptedRoom(owner, [alice, bob])
    const path = `/chat/rooms/${roomId}/keys?deviceId=${alice.device.deviceId}`
    const [envelope] = expectStatus(await alice.call('GET', path), 200).data.envelopes
    assert.equal(envelope.senderDeviceId, owner.device.deviceId)
    const opened = await e2e.openEnvelope(alice.device, envelope)
    assert.lengthOf(opened, 32)

    const bobEnvelope = await db
      .from('e2e_room_key_envelopes')
      .where({ room_id: roomId, user_id: bob.id })
      .first()
    const forged = [
      { ...envelope, wrappedKey: bobEnvelope.wrapped_key },
      { ...envelope, version: 2 },
      { ...envelope, signature: bobEnvelope.signature },
      {
        ...envelope,
        senderSigningKey: { algorithm: 'Ed25519', publicKey: bob.device.signing.publicPem },
      },
    ]
    for (const candidate of forged) {
      await assert.rejects(
        () => e2e.openEnvelope(alice.device, candidate),
        'Envelope signature does not verify'
      )
    }
    const bobDevices = await alice.verifiedDevices(bob.id)
    const trusted = new Set(bobDevices.map((device) => device.signingFingerprint))
    await assert.rejects(
      () => e2e.openEnvelope(alice.device, envelope, { trustedSigningFingerprints: trusted }),
      'Envelope signed by an unknown key'
    )
  })
})
