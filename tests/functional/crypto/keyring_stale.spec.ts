import { test } from '@japa/runner'
import env from '#start/env'
import KeyRotation from '#services/key_rotation'
import { generateKeyringEntry, parseKeyring, reloadKeyring } from '#services/keyring'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom, send } from '#tests/functional/chat/chat_fixtures'

const V1 = env.get('ENCRYPTION_KEYS').release()

/**
 * A room whose key was rewrapped under v2 by a rotation, then this node
 * "restarted" with the old keyring (v1 only): the situation of a node that
 * missed the new ENCRYPTION_KEYS.
 */
async function staleNode() {
  const { org, owner, alice } = await chatOrg()
  const room = await groupRoom(org, owner, [alice])
  await send(org, owner, room.id, 'written under v1')
  const keys = `${V1},${generateKeyringEntry(2)}`
  reloadKeyring(keys)
  await KeyRotation.rewrap()
  reloadKeyring(V1)
  return { org, owner, room, keys }
}

test.group('A node whose keyring lacks a version in use', (group) => {
  group.each.setup(async () => {
    await resetDatabase()
    reloadKeyring(V1)
    return () => {
      reloadKeyring(V1)
    }
  })

  test('answers 503 E_KEYRING_STALE naming the restart on history reads and sends', async ({
    client,
    assert,
  }) => {
    const { org, owner, room } = await staleNode()
    const history = await as(client, owner, org, 'get', `/chat/rooms/${room.id}/messages`)
    const sent = await as(client, owner, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'after the rotation',
    })
    for (const response of [history, sent]) {
      response.assertStatus(503)
      const [error] = response.body().errors
      assert.equal(error.code, 'E_KEYRING_STALE')
      assert.match(error.message, /master key v2 is not in its ENCRYPTION_KEYS/)
      assert.match(error.message, /Restart the node with the current ENCRYPTION_KEYS/)
      assert.notMatch(error.message, /SELECT|room_keys|\.ts|at /)
    }
  })

  test('reports itself degraded in /health naming the missing version, until it gets the keys', async ({
    client,
    assert,
  }) => {
    const { org, owner, room, keys } = await staleNode()
    const health = await client.get('/health')
    health.assertStatus(200)
    const body = health.body().data
    assert.equal(body.status, 'warning')
    assert.deepInclude(body.keyring, { versions: [1], missingVersions: [2], degraded: true })
    const check = body.checks.find((entry: { name: string }) => entry.name === 'keyring')
    assert.equal(check.status, 'warning')
    assert.match(check.message, /master key v2, which this node does not hold/)
    assert.match(check.message, /Restart this node with the current ENCRYPTION_KEYS/)

    reloadKeyring(keys)
    const after = await client.get('/health')
    const healed = after.body().data
    assert.deepInclude(healed.keyring, { versions: [1, 2], missingVersions: [], degraded: false })
    const check2 = healed.checks.find((entry: { name: string }) => entry.name === 'keyring')
    assert.equal(check2.status, 'ok')
    const history = await as(client, owner, org, 'get', `/chat/rooms/${room.id}/messages`)
    history.assertStatus(200)
    assert.equal(history.body().data[0].content, 'written under v1')
  })

  test('a healthy node reports its versions and fingerprint in /health, never key material', async ({
    client,
    assert,
  }) => {
    const health = await client.get('/health')
    health.assertStatus(200)
    const keyring = health.body().data.keyring
    assert.deepEqual(keyring, {
      currentVersion: 1,
      versions: [1],
      fingerprint: parseKeyring(V1).fingerprint,
      wrapVersion: 1,
      missingVersions: [],
      degraded: false,
      nodeId: null,
    })
    const raw = JSON.stringify(health.body())
    assert.notInclude(raw, V1.slice(3))
    assert.notInclude(raw, Buffer.from(V1.slice(3), 'base64').toString('hex'))
  })
})
