import { test } from '@japa/runner'
import { once } from 'node:events'
import { randomUUID } from 'node:crypto'
import { Limiter } from '@adonisjs/limiter'
import { createRedisClient } from '#services/redis'
import { ResilientRedisStore } from '#services/resilient_limiter_store'

const REDIS = 'redis://127.0.0.1:6379'

test.group('ResilientRedisStore', () => {
  test('limits through Redis, shared by two stores like two nodes', async ({ assert, cleanup }) => {
    const nodeA = createRedisClient('test-a', REDIS)
    const nodeB = createRedisClient('test-b', REDIS)
    cleanup(async () => {
      await nodeA.quit()
      await nodeB.quit()
    })
    await Promise.all([once(nodeA, 'ready'), once(nodeB, 'ready')])
    const options = { requests: 3, duration: 60, keyPrefix: `test:${randomUUID()}` }
    const limiterA = new Limiter(new ResilientRedisStore(nodeA, options))
    const limiterB = new Limiter(new ResilientRedisStore(nodeB, options))

    await limiterA.consume('ip:1')
    await limiterB.consume('ip:1')
    await limiterA.consume('ip:1')
    await assert.rejects(() => limiterB.consume('ip:1'))
    assert.isAbove(Number(await nodeA.exists(`${options.keyPrefix}:ip:1`)), 0)
  })

  test('keeps limiting in memory while Redis is unreachable', async ({ assert, cleanup }) => {
    const dead = createRedisClient('test-dead', 'redis://127.0.0.1:1', {
      retryStrategy: () => null,
      lazyConnect: true,
    })
    cleanup(() => dead.disconnect())
    const limiter = new Limiter(
      new ResilientRedisStore(dead, { requests: 2, duration: 60, keyPrefix: 'test:dead' })
    )

    await limiter.consume('ip:2')
    await limiter.consume('ip:2')
    await assert.rejects(() => limiter.consume('ip:2'))
  })
})
