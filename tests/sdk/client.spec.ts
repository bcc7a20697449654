import { test } from '@japa/runner'
import {
  ParleyClient,
  ParleyError,
  memoryStorage,
  type Message,
} from '../../packages/client/src/index.js'
import * as e2e from '../../packages/client/src/e2e/index.js'
import { inbox, loggedIn, scene, TEST_PASSWORD, waitFor, withServer } from './fixtures.js'

/*
 * @parley/client against a real Parley server (a child process): login and
 * organization context, typed errors, idempotent sends with retries,
 * reconnect + sync from persisted cursors (each missed message exactly
 * once), the SSE fallback, and the e2e-keys helper.
 */

test.group('SDK: session and errors', (group) => {
  const holder = withServer(group)

  test('login keeps the token, the organization rides on every REST call', async ({ assert }) => {
    const { bob, org, room } = await scene(holder.server)
    const client = new ParleyClient({ baseUrl: holder.server.url })
    const session = await client.login({ username: bob.user.username, password: TEST_PASSWORD })
    assert.equal(session.user.id, bob.user.id)
    assert.equal(client.token, session.token)

    await client.useOrganization(org.id)
    const rooms = await client.call<{ data: { id: string }[] }>(client.rest.GET('/chat/rooms'))
    assert.deepEqual(
      rooms.data.map((r) => r.id),
      [room.id]
    )
    const history = await client.call<{ data: Message[]; meta: { syncCursor: number } }>(
      client.rest.GET('/chat/rooms/{roomId}/messages', { params: { path: { roomId: room.id } } })
    )
    assert.deepEqual(history.data, [])
  })

  test('failures are ParleyErrors with the server code, on REST and socket acks', async ({
    assert,
  }) => {
    const { bob, org, room } = await scene(holder.server)
    const client = new ParleyClient({ baseUrl: holder.server.url })
    const wrong = await client
      .login({ username: bob.user.username, password: 'not the password' })
      .catch((error) => error)
    assert.instanceOf(wrong, ParleyError)
    assert.equal(wrong.code, 'E_UNAUTHORIZED')
    assert.equal(wrong.status, 401)

    await client.login({ username: bob.user.username, password: TEST_PASSWORD })
    await client.useOrganization(org.id)
    const invalid = await client
      .request('POST', '/chat/messages', { roomId: room.id, content: 42 })
      .catch((error) => error)
    assert.equal(invalid.code, 'E_VALIDATION_ERROR')
    assert.equal(invalid.status, 422)
    assert.equal(invalid.field, 'content')
    assert.isFalse(invalid.retryable)

    await client.connect()
    const missing = await client
      .send({ roomId: '00000000-0000-4000-8000-000000000000', content: 'hi' })
      .catch((error) => error)
    assert.instanceOf(missing, ParleyError)
    assert.equal(missing.code, 'E_NOT_FOUND')
    client.disconnect()

    const offline = await client.emit('join_room', { roomId: room.id }).catch((error) => error)
    assert.equal(offline.code, 'E_NOT_CONNECTED')

    const stranger = new ParleyClient({ baseUrl: holder.server.url, token: 'not-a-token' })
    const refused = await stranger.connect().catch((error) => error)
    assert.equal(refused.code, 'E_UNAUTHORIZED')
  })
})

test.group('SDK: idempotent sends', (group) => {
  const holder = withServer(group)

  test('the same clientMessageId twice stores one message', async ({ assert }) => {
    const { sender, room } = await scene(holder.server)
    const clientMessageId = globalThis.crypto.randomUUID()
    await sender.connect()
    const first = await sender.send({ roomId: room.id, content: 'once', clientMessageId })
    sender.disconnect()
    const again = await sender.send({ roomId: room.id, content: 'once', clientMessageId })
    assert.equal(again.id, first.id)
    const history = await sender.request<Message[]>('GET', `/chat/rooms/${room.id}/messages`)
    assert.deepEqual(
      history.data.map((m) => m.content),
      ['once']
    )
  })

  test('a send whose answer is lost is retried with the same id and stored once', async ({
    assert,
  }) => {
    const { alice, org, room } = await scene(holder.server)
    let dropped = 0
    // The network between app and server: the first two answers to a send are lost
    // after the server has handled the request.
    const flaky: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      if (url.endsWith('/chat/messages') && dropped < 2) {
        dropped++
        throw new TypeError('connection reset')
      }
      return response
    }
    const client = new ParleyClient({
      baseUrl: holder.server.url,
      fetch: flaky,
      retryDelaysMs: [20, 20, 20],
    })
    await client.login({ username: alice.user.username, password: TEST_PASSWORD })
    await client.useOrganization(org.id)
    const message = await client.send({ roomId: room.id, content: 'through a bad network' })
    assert.equal(dropped, 2)
    assert.isString(message.clientMessageId)
    const history = await client.request<Message[]>('GET', `/chat/rooms/${room.id}/messages`)
    assert.deepEqual(
      history.data.map((m) => [m.id, m.content]),
      [[message.id, 'through a bad network']]
    )

    const refused = new ParleyClient({ baseUrl: holder.server.url, fetch: flaky })
    refused.setToken(client.token)
    await refused.useOrganization(org.id)
    dropped = 0
    const gaveUp = await refused
      .send({ roomId: room.id, content: 'never' }, { retryDelaysMs: [10] })
      .catch((error) => error)
    assert.equal(gaveUp.code, 'E_NETWORK')
    assert.equal(dropped, 2)
  })

  test('slow mode is the member’s pace, not a failure to wait out: the send fails at once', async ({
    assert,
  }) => {
    const { sender, bob, org, room } = await scene(holder.server)
    await sender.request('PUT', `/chat/rooms/${room.id}/slow-mode`, { seconds: 600 })
    const member = await loggedIn(holder.server, bob.user.username, org.id)
    await member.send({ roomId: room.id, content: 'first' })
    // Were it retried, the send would wait 600 s and the test time out.
    const refused = await member
      .send({ roomId: room.id, content: 'second' }, { retryDelaysMs: [60_000] })
      .catch((error) => error)
    assert.instanceOf(refused, ParleyError)
    assert.equal(refused.code, 'E_SLOW_MODE')
    assert.isAbove(refused.retryAfter, 0)
    assert.isAtMost(refused.retryAfter, 600)
  })
})

test.group('SDK: reconnect and sync', (group) => {
  const holder = withServer(group)

  test('after a dropped socket, sync hands over each missed message exactly once', async ({
    assert,
  }) => {
    const { bob, org, sender, room } = await scene(holder.server)
    const reader = await loggedIn(holder.server, bob.user.username, org.id)
    const box = inbox(reader)
    await reader.connect()
    await sender.send({ roomId: room.id, content: 'm1' })
    await waitFor(() => box.count('m1') === 1, 'm1 live')

    reader.socket!.disconnect()
    for (const content of ['m2', 'm3', 'm4']) await sender.send({ roomId: room.id, content })
    const edited = await sender.send({ roomId: room.id, content: 'm5' })
    await sender.request('PUT', `/chat/messages/${edited.id}`, { content: 'm5 edited' })
    assert.deepEqual(box.contents(), ['m1'])

    reader.socket!.connect()
    await waitFor(() => box.count('m5 edited') === 1, 'the catch-up')
    await reader.sync()
    assert.deepEqual(box.contents(), ['m1', 'm2', 'm3', 'm4', 'm5 edited'])
    assert.deepEqual(
      box.received.slice(1).map((entry) => entry.source),
      ['sync', 'sync', 'sync', 'sync']
    )

    await sender.send({ roomId: room.id, content: 'm6' })
    await waitFor(() => box.count('m6') === 1, 'm6 live')
    // Its own send: answered by the ack and broadcast to its socket, handed over once.
    const echoes: string[] = []
    reader.on('new_message', (message) => echoes.push(message.content ?? ''))
    await reader.send({ roomId: room.id, content: 'mine' })
    await waitFor(() => echoes.includes('mine'), 'the echo of its own send')
    assert.equal(box.count('mine'), 1)
    reader.disconnect()
  })

  test('a new client resumes from the persisted cursors: only what it missed', async ({
    assert,
  }) => {
    const { bob, org, sender, room } = await scene(holder.server)
    const storage = memoryStorage()
    const first = await loggedIn(holder.server, bob.user.username, org.id, { storage })
    const firstBox = inbox(first)
    await first.connect()
    await sender.send({ roomId: room.id, content: 'seen' })
    await waitFor(() => firstBox.count('seen') === 1, 'seen live')
    first.disconnect()

    await sender.send({ roomId: room.id, content: 'missed 1' })
    await sender.send({ roomId: room.id, content: 'missed 2' })

    // The app restarts: a new client, the same storage.
    const second = await loggedIn(holder.server, bob.user.username, org.id, { storage })
    const secondBox = inbox(second)
    await second.connect()
    assert.deepEqual(secondBox.contents(), ['missed 1', 'missed 2'])
    second.disconnect()
  })
})

test.group('SDK: room list across reconnects', (group) => {
  const holder = withServer(group)

  test('rooms joined and left while away are reported by the catch-up', async ({ assert }) => {
    const { bob, org, sender, room } = await scene(holder.server)
    const reader = await loggedIn(holder.server, bob.user.username, org.id)
    const listed = await reader.rooms()
    assert.deepEqual(
      listed.map((r) => r.id),
      [room.id]
    )
    const changes: { rooms: string[]; removed: string[] }[] = []
    reader.onRoomsChanged((change) =>
      changes.push({ rooms: change.rooms.map((r) => r.id), removed: change.removed })
    )
    await reader.connect()
    await sender.send({ roomId: room.id, content: 'before' })
    await waitFor(() => reader.cursors.get(room.id) !== undefined, 'the room tracked')

    reader.socket!.disconnect()
    const joined = await sender.data<{ id: string }>('POST', '/chat/rooms/group', {
      name: 'Made while Bob was away',
      memberIds: [bob.user.id],
    })
    await sender.request('DELETE', `/chat/rooms/${room.id}/members/${bob.user.id}`)
    assert.deepEqual(changes, [])

    reader.socket!.connect()
    await waitFor(() => changes.length > 0, 'the room-list changes')
    assert.deepEqual(changes, [{ rooms: [joined.id], removed: [room.id] }])
    assert.isUndefined(reader.cursors.get(room.id))
    reader.disconnect()
  })
})

test.group('SDK: SSE fallback', (group) => {
  const holder = withServer(group)

  test('without a socket the client falls back to SSE, live and after a reconnect', async ({
    assert,
  }) => {
    const { bob, org, sender, room } = await scene(holder.server)
    const storage = memoryStorage()
    // A proxy that only passes plain HTTP: the Socket.IO endpoint is not there.
    const blocked = { path: '/no-websockets-here/', reconnection: false }
    const reader = await loggedIn(holder.server, bob.user.username, org.id, {
      storage,
      transport: 'auto',
      socketOptions: blocked,
    })
    const box = inbox(reader)
    const joined: string[] = []
    reader.on('new_message', (message) => joined.push(message.roomId))
    reader.track(room.id, 0)
    await reader.connect()
    assert.equal(reader.transport, 'sse')

    await sender.send({ roomId: room.id, content: 'over SSE' })
    await waitFor(() => box.count('over SSE') === 1, 'the SSE message')
    assert.deepEqual(joined, [room.id])
    reader.disconnect()

    await sender.send({ roomId: room.id, content: 'while away' })
    const again = await loggedIn(holder.server, bob.user.username, org.id, {
      storage,
      transport: 'sse',
    })
    const againBox = inbox(again)
    await again.connect()
    assert.deepEqual(againBox.contents(), ['while away'])
    await sender.send({ roomId: room.id, content: 'live again' })
    await waitFor(() => againBox.count('live again') === 1, 'live after reconnect')
    again.disconnect()
  })
})

test.group('SDK: e2e-keys helper', (group) => {
  const holder = withServer(group)

  test('devices register, a room key is shared, an encrypted message is read by the other member', async ({
    assert,
  }) => {
    const { alice, bob, org, sender } = await scene(holder.server)
    const reader = await loggedIn(holder.server, bob.user.username, org.id)
    const aliceDevice = await e2e.generateDeviceKeys()
    const bobDevice = await e2e.generateDeviceKeys()
    await sender.request(
      'PUT',
      `/keys/devices/${aliceDevice.deviceId}`,
      await e2e.deviceRegistration(aliceDevice, alice.user.id)
    )
    await reader.request(
      'PUT',
      `/keys/devices/${bobDevice.deviceId}`,
      await e2e.deviceRegistration(bobDevice, bob.user.id)
    )
    const room = await sender.data<{ id: string }>('POST', '/chat/rooms/group', {
      name: 'secret',
      memberIds: [bob.user.id],
      encrypted: true,
    })

    const state = await sender.data('GET', `/chat/rooms/${room.id}/keys`)
    const log = await sender.data('GET', `/users/${bob.user.id}/key-log`)
    const verified = await e2e.verifyKeyLog(bob.user.id, log)
    assert.equal(verified.devices[0].deviceId, bobDevice.deviceId)
    const roomKey = e2e.generateRoomKey()
    const upload = await e2e.buildRoomKeyUpload({
      roomId: room.id,
      version: state.currentVersion + 1,
      roomKey,
      sender: aliceDevice,
      recipients: state.recipients,
    })
    await sender.request('POST', `/chat/rooms/${room.id}/keys`, upload)

    const box = inbox(reader)
    await reader.connect()
    await sender.connect()
    const sealed = await e2e.encryptMessage(roomKey, {
      roomId: room.id,
      keyVersion: upload.version,
      text: 'only members read this',
    })
    await sender.send({ roomId: room.id, ...sealed })
    await waitFor(() => box.received.length === 1, 'the encrypted message')
    const received = box.received[0].message
    assert.isNull(received.content)

    const mine = await reader.data(
      'GET',
      `/chat/rooms/${room.id}/keys?deviceId=${bobDevice.deviceId}`
    )
    const key = await e2e.openEnvelope(bobDevice, mine.envelopes[0])
    assert.equal(
      await e2e.decryptMessage(key, room.id, received.encrypted as any),
      'only members read this'
    )
    reader.disconnect()
    sender.disconnect()
  })
})
