import logger from '@adonisjs/core/services/logger'
import { PgBoss } from 'pg-boss'
import metrics from '#services/metrics'
import type { ConstructorOptions, Job, JobInsert, Queue, WorkOptions } from 'pg-boss'

/** A job queue and, optionally, how this node works it and when it recurs. */
export interface QueueDefinition<Data extends object = object> {
  /** Queue name, `<module>.<job>` (`notifications.cleanup`, `push-fcm.send`). */
  name: string
  /**
   * Retries (`retryLimit`, `retryDelay` in seconds, `retryBackoff`) and
   * retention. Jobs that exhaust their retries move to `<name>.dead`.
   */
  queue?: Omit<Queue, 'name' | 'deadLetter' | 'partition' | 'policy' | 'heartbeatSeconds'>
  /**
   * Batch options and the handler. With `perJobResults` the handler settles
   * each job of the batch itself (completed, failed → retried, deadletter).
   */
  worker?: {
    options: WorkOptions
    handler: (jobs: Job<Data>[]) => Promise<unknown>
  }
  /** A cron expression (UTC): one job is created per occurrence across all nodes. */
  cron?: string
}

/** The dead letter queue of a queue: failed jobs are kept there for inspection. */
export const deadLetterOf = (name: string) => `${name}.dead`

/**
 * Background jobs on the application's PostgreSQL, with pg-boss 12. Queues
 * are defined by core and plugins at boot; the jobs provider starts the
 * service in `ready()` on the web process (tests start it themselves).
 * pg-boss polls for work (`useListenNotify` stays off), so it needs no
 * LISTEN/NOTIFY and runs on the embedded PGlite too, where NOTIFY does not
 * reach other connections. Several nodes share the queues safely (pg-boss
 * fetches with SKIP LOCKED and creates each cron occurrence once).
 */
export class Jobs {
  #definitions = new Map<string, QueueDefinition<any>>()
  #boss?: PgBoss
  #starting?: Promise<void>
  #producerConnection?: () => Promise<ConstructorOptions>
  #producer?: Promise<PgBoss>

  /** Registers a queue; applied at start, or at once when already started. */
  async define<Data extends object>(definition: QueueDefinition<Data>) {
    this.#definitions.set(definition.name, definition)
    if (this.#boss) await this.#apply(this.#boss, definition)
  }

  /** Whether the service is running on this node. */
  get started() {
    return this.#boss !== undefined
  }

  /** Connects, installs or migrates pg-boss's schema, then creates queues, workers and schedules. */
  start(options: ConstructorOptions) {
    this.#starting ??= this.#start(options)
    return this.#starting
  }

  async #start(options: ConstructorOptions) {
    const boss = new PgBoss({ max: 4, ...options, useListenNotify: false })
    boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
    await boss.start()
    for (const definition of this.#definitions.values()) await this.#apply(boss, definition)
    this.#boss = boss
  }

  async #apply(boss: PgBoss, definition: QueueDefinition<any>) {
    const deadLetter = deadLetterOf(definition.name)
    await boss.createQueue(deadLetter, { retentionSeconds: 14 * 24 * 3600 })
    const options = { ...definition.queue, deadLetter }
    if (await boss.getQueue(definition.name)) await boss.updateQueue(definition.name, options)
    else await boss.createQueue(definition.name, options)
    if (definition.worker) {
      const { handler } = definition.worker
      await boss.work(definition.name, definition.worker.options, async (batch) => {
        try {
          return await handler(batch)
        } catch (error) {
          metrics.jobFailures.inc({ queue: definition.name })
          throw error
        }
      })
    }
    if (definition.cron) await boss.schedule(definition.name, definition.cron)
  }

  /**
   * Lets a process that does not work the queues (chatctl in local mode with
   * no server running, Ace commands) still enqueue: the first `insert` then
   * opens a producer-only connection (no workers, no schedules, no
   * maintenance) and the server's workers take the jobs when it runs.
   */
  produceWith(connection: () => Promise<ConstructorOptions>) {
    this.#producerConnection = connection
  }

  /** Enqueues jobs in one statement; they inherit the queue's retry settings. */
  async insert<Data extends object>(name: string, jobs: JobInsert<Data>[]) {
    if (!jobs.length) return
    const boss = this.#boss ?? (await this.#producerFor(name))
    await boss.insert(name, jobs)
  }

  async #producerFor(name: string) {
    const connection = this.#producerConnection
    if (!connection) throw new Error(`Job queue "${name}" is not running on this node`)
    this.#producer ??= (async () => {
      const boss = new PgBoss({
        max: 1,
        ...(await connection()),
        supervise: false,
        schedule: false,
        useListenNotify: false,
      })
      boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
      await boss.start()
      return boss
    })()
    const boss = await this.#producer
    const definition = this.#definitions.get(name)
    if (definition && !(await boss.getQueue(name))) {
      await this.#apply(boss, { ...definition, worker: undefined, cron: undefined })
    }
    return boss
  }

  /** The pg-boss instance, for inspection (tests, chatctl health). */
  get boss(): PgBoss | undefined {
    return this.#boss
  }

  /** Jobs per queue and state, read from pg-boss (metrics; empty while stopped). */
  async depths(): Promise<{ queue: string; state: string; count: number }[]> {
    if (!this.#boss) return []
    const queues = await this.#boss.getQueues()
    return queues.flatMap((queue) => [
      { queue: queue.name, state: 'queued', count: queue.queuedCount },
      { queue: queue.name, state: 'active', count: queue.activeCount },
      { queue: queue.name, state: 'failed', count: queue.failedCount },
    ])
  }

  /** Stops workers (letting running handlers finish) and closes the pool. */
  async stop() {
    const boss = this.#boss
    const producer = this.#producer
    this.#boss = undefined
    this.#starting = undefined
    this.#producer = undefined
    if (boss) await boss.stop({ graceful: true, timeout: 10_000 })
    const producing = await producer?.catch(() => undefined)
    if (producing) await producing.stop({ graceful: false })
  }
}

/** The process's job service. */
const jobs = new Jobs()
export default jobs
