import { test } from '@japa/runner'
import { once } from 'node:events'
import { redis } from '@adonisjs/transmit/transports/redis'
import { closeRedisClients, createRedisClient, observedBusTransport } from '#services/redis'
import { TEST_REDIS_URL } from '#tests/helpers/redis_server'

test.group('Parley Redis clients', () => {
  test('closing a client twice at once, and again once closed, resolves every time', async ({
    assert,
  }) => {
    // At shutdown Transmit's bus and closeRedisClients both close the bus's
    // copies: a second QUIT on a closing stream must not fail the stop.
    for (const mode of ['commands', 'subscriber'] as const) {
      const client = createRedisClient(`test-quit-${mode}`, TEST_REDIS_URL, { mode })
      await once(client, 'ready')
      if (mode === 'subscriber') await client.subscribe('parley:test:quit')
      const replies = await Promise.all([client.quit(), client.quit(), client.quit()])
      assert.deepEqual(replies, ['OK', 'OK', 'OK'], mode)
      if (client.status !== 'end') await once(client, 'end')
      assert.equal(await client.quit(), 'OK', mode)
    }
  })

  test('Transmit’s bus closed while its subscription is on its way: nothing rejects', async ({
    assert,
  }) => {
    // What a chatctl command's shutdown does: Transmit is created (its copies
    // still connecting) and subscribes without awaiting, then every client closes.
    const unhandled: unknown[] = []
    const record = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', record)
    try {
      const connection = createRedisClient('test-transmit', TEST_REDIS_URL, { lazyConnect: true })
      const transport = observedBusTransport(redis(connection as any)())
      transport.setId('test-bus')
      const subscribed = transport.subscribe('parley:test:bus', () => {})
      await closeRedisClients()
      await transport.disconnect()
      await transport.disconnect()
      await subscribed
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.deepEqual(unhandled, [])
    } finally {
      process.off('unhandledRejection', record)
    }
  })
})
