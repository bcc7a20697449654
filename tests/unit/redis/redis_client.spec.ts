import { test } from '@japa/runner'
import { once } from 'node:events'
import { createRedisClient } from '#services/redis'
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
})
