import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import KeyRotation from '#services/key_rotation'
import { liveNodes } from '#services/cluster_nodes'
import { generateKeyringEntry, parseKeyring, reloadKeyring } from '#services/keyring'
import { resetDatabase } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/processes'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { closeSockets, connectAt, request } from '#tests/helpers/sockets'
import { chatOrg, groupRoom, send } from '#tests/functional/chat/chat_fixtures'
import { chatctl } from '#tests/helpers/chatctl'
import { assertFailure, assertSuccess, chatctlJson, modeFor } from './cli_fixtures.js'

/*
 * Key rotation across nodes: every node publishes the master key versions
 * it holds (heartbeat in parley_nodes), `key rotate` refuses while a live
 * node lacks the target version, and a node that meets a room key under a
 * version it lacks says so (503 E_KEYRING_STALE, /health degraded). The
 * nodes are real server processes started with their own ENCRYPTION_KEYS.
 */

const V1 = env.get('ENCRYPTION_KEYS').release()

const nodes: ServerProcess[] = []

async function node(keys: string, extra: Record<string, string> = {}) {
  const started = await startServer({ ENCRYPTION_KEYS: keys, ...extra })
  nodes.push(started)
  return started
}

/** A group room with one message, and a reader calling a node's REST API. */
async function chatRoom() {
  const { org, owner } = await chatOrg()
  const room = await groupRoom(org, owner, [])
  await send(org, owner, room.id, 'written under v1')
  const call = async (server: ServerProcess, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        'authorization': `Bearer ${owner.token}`,
        'x-organization-id': org.id,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }
  return { org, owner, room, call }
}

async function masterVersions() {
  const rows = await db.from('room_keys').whereNotNull('wrapped_key').distinct('master_version')
  return rows.map((row) => row.master_version).sort()
}

async function health(server: ServerProcess) {
  const response = await fetch(`${server.url}/health`)
  return { status: response.status, body: (await response.json()) as any }
}

test.group('Node heartbeat', (group) => {
  group.each.timeout(300_000)
  group.each.setup(async () => {
    await resetDatabase()
    return async () => {
      await Promise.all(nodes.splice(0).map((server) => server.stop()))
    }
  })

  test('a node publishes its keyring versions and fingerprint, never key material, and removes them on a clean stop', async ({
    assert,
  }) => {
    const keys = `${V1},${generateKeyringEntry(2)}`
    const server = await node(keys)
    // The node may answer /health a moment before its first beat is stored
    // (a loaded machine): wait for the row, then check what it holds.
    await eventually(
      () => liveNodes().then((live) => live.length === 1),
      30_000,
      () => 'the node never showed up live'
    )
    const [published] = await liveNodes()
    const ring = parseKeyring(keys)
    assert.deepInclude(published, {
      keyVersions: [1, 2],
      currentVersion: 2,
      fingerprint: ring.fingerprint,
      versionFingerprints: ring.versionFingerprints(),
      missingVersions: [],
    })
    assert.isAbove(published.pid, 0)
    const { body } = await health(server)
    assert.deepEqual(body.data.keyring, {
      currentVersion: 2,
      versions: [1, 2],
      fingerprint: ring.fingerprint,
      wrapVersion: 2,
      missingVersions: [],
      degraded: false,
      nodeId: published.id,
    })
    const row = JSON.stringify(await db.from('parley_nodes').select('*'))
    for (const entry of keys.split(',')) assert.notInclude(row, entry.slice(3))

    await server.stop()
    nodes.splice(0)
    assert.lengthOf(await db.from('parley_nodes').select('id'), 0)
  })

  test('a node that dies without stopping stops counting as live once its heartbeat expires', async ({
    assert,
  }) => {
    const server = await node(V1, { NODE_HEARTBEAT_MS: '200' })
    await eventually(
      () => liveNodes().then((live) => live.length === 1),
      10_000,
      () => 'the node never showed up live'
    )
    await server.kill()
    await eventually(
      () => liveNodes().then((live) => live.length === 0),
      10_000,
      () => 'the killed node stayed live'
    )
    assert.lengthOf(await db.from('parley_nodes').select('id'), 1)
  })
})

for (const modeName of ['local', 'remote'] as const) {
  test.group(`chatctl ${modeName}: key rotation across nodes`, (group) => {
    group.each.timeout(300_000)
    group.each.setup(async () => {
      await resetDatabase()
      reloadKeyring(V1)
      return async () => {
        closeSockets()
        await Promise.all(nodes.splice(0).map((server) => server.stop()))
        reloadKeyring(V1)
      }
    })

    test('rotation is refused while a live node lacks the new version, and runs once it is restarted with it', async ({
      assert,
    }) => {
      const mode = await modeFor(modeName, assert)
      const { room, call } = await chatRoom()
      const stale = await node(V1)
      const keys = `${V1},${generateKeyringEntry(2)}`
      // The in-process test server does remote mode's work: it has the new keys.
      reloadKeyring(keys)

      for (const args of [
        ['key', 'rotate'],
        ['key', 'rotate', '--reencrypt'],
      ]) {
        const refused = await chatctlJson(mode, args, { ENCRYPTION_KEYS: keys })
        assertFailure(assert, refused, 'E_KEYRING_NOT_DEPLOYED', 6)
        assert.include(refused.json.message, 'do not hold master key v2')
        assert.match(refused.json.message, /pid \d+ \(holds v1\)/)
        assert.include(refused.json.message, 'Restart every node with the new ENCRYPTION_KEYS')
      }
      if (modeName === 'local') {
        const human = await chatctl(['key', 'rotate'], { ENCRYPTION_KEYS: keys })
        assert.equal(human.code, 6)
        assert.include(human.stderr, 'Error (E_KEYRING_NOT_DEPLOYED): Rotation refused')
        assert.include(human.stderr, 'Restart every node with the new ENCRYPTION_KEYS')
      }
      assert.deepEqual(await masterVersions(), [1])
      const before = await call(stale, 'GET', `/chat/rooms/${room.id}/messages`)
      assert.equal(before.status, 200)

      await stale.stop()
      const restarted = await node(keys)
      const rotated = assertSuccess(
        assert,
        await chatctlJson(mode, ['key', 'rotate'], { ENCRYPTION_KEYS: keys }),
        'key:rotate'
      )
      assert.deepInclude(rotated.rotation, { currentVersion: 2, rewrapped: 1 })
      assert.deepEqual(await masterVersions(), [2])
      const history = await call(restarted, 'GET', `/chat/rooms/${room.id}/messages`)
      assert.equal(history.status, 200)
      assert.equal(history.body.data[0].content, 'written under v1')
    })
  })
}

test.group('Nodes with other keyrings', (group) => {
  group.each.timeout(300_000)
  group.each.setup(async () => {
    await resetDatabase()
    reloadKeyring(V1)
    return async () => {
      closeSockets()
      await Promise.all(nodes.splice(0).map((server) => server.stop()))
      reloadKeyring(V1)
    }
  })

  test('local rotation is refused when a live node holds another key under the same version number', async ({
    assert,
  }) => {
    await chatRoom()
    await node(`${V1},${generateKeyringEntry(2)}`)
    const keys = `${V1},${generateKeyringEntry(2)}`
    reloadKeyring(keys)
    const refused = await chatctl(['key', 'rotate', '--json'], { ENCRYPTION_KEYS: keys })
    assertFailure(assert, refused, 'E_KEYRING_NOT_DEPLOYED', 6)
    assert.include(refused.json.message, 'holds a different v2')
    assert.deepEqual(await masterVersions(), [1])
  })

  test('during a rolling restart, rooms created on a restarted node stay readable on the others', async ({
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const keys = `${V1},${generateKeyringEntry(2)}`
    const old = await node(V1)
    const restarted = await node(keys)
    const wrapVersionOf = (server: ServerProcess) =>
      health(server).then((report) => report.body.data.keyring.wrapVersion)
    // Once the restarted node has seen the old one, it keeps wrapping under v1.
    await eventually(
      () => liveNodes().then((live) => live.length === 2),
      20_000,
      () => 'both nodes never showed up live'
    )
    await eventually(
      () => wrapVersionOf(restarted).then((version) => version === 1),
      20_000,
      () => 'the restarted node never lowered its wrap version to v1'
    )
    const as = (server: ServerProcess, method: string, path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: {
          'authorization': `Bearer ${owner.token}`,
          'x-organization-id': org.id,
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const created = await as(restarted, 'POST', '/chat/rooms/group', { name: 'new', memberIds: [] })
    assert.equal(created.status, 201)
    const roomId = ((await created.json()) as any).data.id
    const sent = await as(restarted, 'POST', '/chat/messages', {
      roomId,
      content: 'made on v2 node',
    })
    assert.equal(sent.status, 201)
    const read = await as(old, 'GET', `/chat/rooms/${roomId}/messages`)
    assert.equal(read.status, 200)
    const page = (await read.json()) as any
    assert.equal(page.data[0].content, 'made on v2 node')

    // The old node leaves: new room keys move to v2 without a rotation.
    await old.stop()
    await eventually(
      () => wrapVersionOf(restarted).then((version) => version === 2),
      20_000,
      () => 'the restarted node never moved its wrap version to v2'
    )
  })

  test('answers E_KEYRING_STALE on REST and socket acks, reports itself degraded, and key verify names it', async ({
    assert,
  }) => {
    const { owner, room, org, call } = await chatRoom()
    // Rotated while the node was down; it comes back with the old keyring.
    const keys = `${V1},${generateKeyringEntry(2)}`
    reloadKeyring(keys)
    await KeyRotation.rewrap()
    const stale = await node(V1)

    const history = await call(stale, 'GET', `/chat/rooms/${room.id}/messages`)
    const sent = await call(stale, 'POST', '/chat/messages', { roomId: room.id, content: 'hi' })
    for (const answer of [history, sent]) {
      assert.equal(answer.status, 503)
      assert.equal(answer.body.errors[0].code, 'E_KEYRING_STALE')
      assert.match(answer.body.errors[0].message, /master key v2 .* Restart the node/)
    }
    const { socket } = await connectAt(stale.url, { token: owner.token, organizationId: org.id })
    const ack = await request(socket, 'send_message', { roomId: room.id, content: 'hi' })
    assert.deepInclude(ack, { ok: false })
    assert.equal((ack as any).error.code, 'E_KEYRING_STALE')

    const report = await health(stale)
    assert.equal(report.status, 200)
    assert.equal(report.body.data.status, 'warning')
    assert.deepInclude(report.body.data.keyring, { missingVersions: [2], degraded: true })

    await eventually(
      () => liveNodes().then((live) => live[0]?.missingVersions.includes(2)),
      20_000,
      () => 'the heartbeat never published the missing version'
    )
    const verify = await chatctl(['key', 'verify', '--json'], { ENCRYPTION_KEYS: keys })
    const result = assertSuccess(assert, verify, 'key:verify', 7)
    assert.isFalse(result.ok)
    assert.deepEqual(
      result.problems.map((problem: { code: string }) => problem.code),
      ['E_NODE_KEYRING_STALE']
    )
    assert.match(result.problems[0].message, /lacks v2 \(holds v1\)/)
    assert.deepEqual(result.nodes[0].missingVersions, [2])
  })
})
