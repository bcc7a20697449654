import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { RedisPresenceStore } from '#services/redis_presence_store'
import { RedisTypingStore } from '#realtime/redis_typing_store'
import { TEST_REDIS_URL } from '#tests/helpers/redis_server'
import { eventually } from '#tests/helpers/processes'

/*
 * The Redis stores two nodes share, each node played by its own store and
 * connection on the test Redis database (keys under a fresh prefix).
 */

function connection() {
  const client = new Redis(TEST_REDIS_URL)
  client.on('error', () => {})
  return client
}

test.group('Redis presence and typing state', (group) => {
  const clients: Redis[] = []
  const open = () => {
    const client = connection()
    clients.push(client)
    return client
  }
  group.teardown(() => clients.forEach((client) => client.disconnect()))

  test('a user leaving one node and coming back on another within the grace period never flaps', async ({
    assert,
  }) => {
    const prefix = `test:${randomUUID()}`
    const nodeA = new RedisPresenceStore(open(), { prefix })
    const nodeB = new RedisPresenceStore(open(), { prefix })
    const [org, user] = [randomUUID(), randomUUID()]
    const grace = { token: 'left-on-a', ttlMs: 10_000 }

    assert.deepEqual(await nodeA.add(org, user, 's1'), { sockets: 1, resumed: false })
    assert.deepEqual(await nodeB.add(org, user, 's2'), { sockets: 2, resumed: false })
    assert.equal(await nodeA.remove(org, user, 's1', grace), 1)
    assert.isFalse(await nodeA.inGrace(org, user))
    assert.equal(await nodeB.remove(org, user, 's2', grace), 0)
    assert.isTrue(await nodeA.inGrace(org, user))
    assert.deepEqual(await nodeA.add(org, user, 's3'), { sockets: 1, resumed: true })
    assert.isFalse(await nodeB.endGrace(org, user, 'left-on-a'))
    assert.deepEqual(await nodeB.onlineUserIds(org), [user])

    assert.equal(await nodeA.remove(org, user, 's3', { token: 'second', ttlMs: 10_000 }), 0)
    assert.isFalse(await nodeB.endGrace(org, user, 'left-on-a'))
    assert.isTrue(await nodeA.endGrace(org, user, 'second'))
    assert.deepEqual(await nodeB.onlineUserIds(org), [])
    await Promise.all([nodeA.clear(), nodeB.clear()])
  })

  test('the sockets of a node that died stop counting when their lease runs out', async ({
    assert,
  }) => {
    const prefix = `test:${randomUUID()}`
    const alive = new RedisPresenceStore(open(), { prefix, leaseMs: 300 })
    const crashedClient = connection()
    const crashed = new RedisPresenceStore(crashedClient, { prefix, leaseMs: 300 })
    const [org, user] = [randomUUID(), randomUUID()]
    await alive.add(org, user, 'on-live-node')
    await crashed.add(org, user, 'on-crashed-node')
    assert.equal(await alive.count(org, user), 2)

    crashedClient.disconnect()
    await crashed.clear().catch(() => {})
    await eventually(
      async () => (await alive.count(org, user)) === 1,
      5000,
      () => 'the dead node kept its socket'
    )

    await new Promise((resolve) => setTimeout(resolve, 400))
    assert.equal(await alive.count(org, user), 1, 'the live node renews its own lease')
    await alive.clear()
  })

  test('an expired typing state is taken by exactly one node', async ({ assert }) => {
    const prefix = `test:${randomUUID()}`
    const nodeA = new RedisTypingStore(open(), prefix)
    const nodeB = new RedisTypingStore(open(), prefix)
    const who = { organizationId: randomUUID(), roomId: randomUUID(), userId: randomUUID() }
    const timings = { throttleMs: 60_000, expiresAfterMs: 50 }

    assert.isTrue(await nodeA.start('s1|r', who, timings))
    assert.isFalse(await nodeA.start('s1|r', who, timings))
    await new Promise((resolve) => setTimeout(resolve, 80))
    const taken = await Promise.all([nodeA.takeExpired(), nodeB.takeExpired()])

    assert.deepEqual(taken.flat(), [who])
    assert.isNull(await nodeB.stop('s1|r'))
    assert.isFalse(await nodeA.has('s1|r'))
  })
})
