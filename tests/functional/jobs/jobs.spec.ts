import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { Job } from 'pg-boss'
import jobs, { deadLetterOf, Jobs } from '#services/jobs'
import { jobsConnection, NOTIFICATION_CLEANUP_QUEUE } from '#providers/jobs_provider'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, groupRoom, send } from '../chat/chat_fixtures.js'
import {
  age,
  eventually,
  notificationFor,
  notificationsOf,
} from '../notifications/notification_fixtures.js'

/** A queue name of its own per test, so runs never see each other's jobs. */
const queueName = (label: string) => `test.${label}.${crypto.randomUUID().slice(0, 8)}`

/*
 * The job service against the test database, started explicitly (the
 * provider starts it only in the web process). pg-boss polls: no
 * LISTEN/NOTIFY is involved.
 */
test.group('Jobs (pg-boss)', (group) => {
  group.each.setup(() => resetDatabase())

  test('works inserted jobs in batches', async ({ assert, cleanup }) => {
    const service = new Jobs()
    const name = queueName('batch')
    const batches: number[] = []
    const seen = new Set<number>()
    await service.define<{ n: number }>({
      name,
      worker: {
        options: { batchSize: 20, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 },
        handler: async (batch: Job<{ n: number }>[]) => {
          batches.push(batch.length)
          batch.forEach((job) => seen.add(job.data.n))
        },
      },
    })
    await service.start(await jobsConnection(app))
    cleanup(() => service.stop())
    await service.insert(
      name,
      Array.from({ length: 100 }, (_, n) => ({ data: { n } }))
    )
    await eventually(async () => seen.size === 100)
    assert.isAbove(Math.max(...batches), 1)
    assert.isBelow(batches.length, 100)
  })

  test('retries a failing job with backoff, then keeps it in the dead letter queue', async ({
    assert,
    cleanup,
  }) => {
    const service = new Jobs()
    const name = queueName('failing')
    let attempts = 0
    await service.define({
      name,
      queue: { retryLimit: 2, retryDelay: 1, retryBackoff: true },
      worker: {
        options: { batchSize: 5, pollingIntervalSeconds: 0.5 },
        handler: async () => {
          attempts++
          throw new Error('transient')
        },
      },
    })
    await service.start(await jobsConnection(app))
    cleanup(() => service.stop())
    await service.insert(name, [{ data: { id: 1 } }])
    const dead = await eventually(async () => {
      const [job] = await service.boss!.fetch(deadLetterOf(name))
      return job
    }, 20_000)
    assert.equal(attempts, 3)
    assert.deepEqual(dead.data, { id: 1 })
  })

  test('the notification cleanup is scheduled daily and deletes old notifications', async ({
    assert,
    cleanup,
  }) => {
    await jobs.start(await jobsConnection(app))
    cleanup(() => jobs.stop())
    const schedules = await jobs.boss!.getSchedules(NOTIFICATION_CLEANUP_QUEUE)
    assert.equal(schedules[0]?.cron, '17 3 * * *')
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const old = await send(org, owner, room.id, 'old')
    const recent = await send(org, owner, room.id, 'recent')
    const oldRow = await notificationFor(alice, old.id)
    await age(oldRow.id, 91)
    await notificationFor(alice, recent.id)
    await jobs.boss!.send(NOTIFICATION_CLEANUP_QUEUE)
    await eventually(async () => {
      const rows = await notificationsOf(alice)
      return rows.length === 1
    }, 15_000)
    const [left] = await notificationsOf(alice)
    assert.equal(left.messageId, recent.id)
  })

  test('a process that only enqueues (chatctl without a server) hands jobs to the workers', async ({
    assert,
    cleanup,
  }) => {
    const name = queueName('produced')
    const seen: number[] = []
    const definition = {
      name,
      worker: {
        options: { batchSize: 5, pollingIntervalSeconds: 0.5 },
        handler: async (batch: Job<{ n: number }>[]) => {
          batch.forEach((job) => seen.push(job.data.n))
        },
      },
    }
    const producer = new Jobs()
    await producer.define(definition)
    producer.produceWith(() => jobsConnection(app))
    cleanup(() => producer.stop())
    await producer.insert(name, [{ data: { n: 1 } }, { data: { n: 2 } }])
    assert.isFalse(producer.started)

    const worker = new Jobs()
    await worker.define(definition)
    await worker.start(await jobsConnection(app))
    cleanup(() => worker.stop())
    await eventually(async () => seen.length === 2)
    assert.sameMembers(seen, [1, 2])
  })
})
