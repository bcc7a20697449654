import type { ApplicationService } from '@adonisjs/core/types'
import type { PostgreConfig } from '@adonisjs/lucid/types/database'

/** The cleanup's queue; it recurs daily at 03:17 UTC. */
export const NOTIFICATION_CLEANUP_QUEUE = 'notifications.cleanup'

/** The retention sweep's queue (issue #19); it recurs daily at 03:47 UTC. */
export const RETENTION_QUEUE = 'retention.sweep'

/**
 * Background jobs (STYLE.md 9): core's queues (notification cleanup, search backfill, mail)
 * are defined in `boot()`, the job service starts against the application's
 * PostgreSQL in `ready()` of the web process only (tests start it themselves
 * when they need it; the console only enqueues, for the server's workers)
 * and stops in `shutdown()`, after the notifications of messages already
 * sent are written and queued, letting running jobs finish.
 */
export default class JobsProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    const { default: jobs } = await import('#services/jobs')
    const { default: DeleteOldNotifications } =
      await import('#actions/notifications/delete_old_notifications')
    const { default: env } = await import('#start/env')
    await jobs.define({
      name: NOTIFICATION_CLEANUP_QUEUE,
      queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true },
      cron: env.get('NOTIFICATION_CLEANUP_CRON', '17 3 * * *'),
      worker: {
        options: { batchSize: 1 },
        handler: async () => {
          const retentionDays = env.get('NOTIFICATION_RETENTION_DAYS', 90)
          return { deleted: await DeleteOldNotifications.handle({ retentionDays }) }
        },
      },
    })
    const { searchBackfillQueue } = await import('#services/search_backfill')
    await jobs.define(searchBackfillQueue())
    const { default: RunRetention } = await import('#actions/retention/run_retention')
    await jobs.define({
      name: RETENTION_QUEUE,
      queue: { retryLimit: 3, retryDelay: 300, retryBackoff: true },
      cron: env.get('RETENTION_CRON', '47 3 * * *'),
      worker: {
        options: { batchSize: 1 },
        handler: async () => ({ organizations: await RunRetention.handle() }),
      },
    })
    await defineExportQueues(env)
    const { mailQueue } = await import('#services/mailer')
    await jobs.define(
      mailQueue({
        retryLimit: env.get('MAIL_RETRY_LIMIT', 5),
        retryDelay: env.get('MAIL_RETRY_DELAY_SECONDS', 30),
      })
    )
    const { webhookQueue } = await import('#domain/webhooks/delivery')
    await jobs.define(webhookQueue())
    if (this.app.getEnvironment() !== 'web') {
      jobs.produceWith(() => jobsConnection(this.app))
    }
  }

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { default: jobs } = await import('#services/jobs')
    await jobs.start(await jobsConnection(this.app))
  }

  async shutdown() {
    const { notificationsSettled } = await import('#listeners/notification_listener')
    await notificationsSettled()
    const { threadsSettled } = await import('#listeners/thread_listener')
    await threadsSettled()
    const { webhooksSettled } = await import('#listeners/webhook_listener')
    await webhooksSettled()
    const { default: jobs } = await import('#services/jobs')
    await jobs.stop()
  }
}

/**
 * Export builds (one job per export, not retried: a failed build marks its
 * export failed and the owner asks again; long exports outlive pg-boss's
 * default 15-minute expiry) and their hourly cleanup.
 */
async function defineExportQueues(env: (typeof import('#start/env'))['default']) {
  const { default: jobs } = await import('#services/jobs')
  const { EXPORT_QUEUE, EXPORT_CLEANUP_QUEUE } = await import('#domain/exports/export_records')
  const { default: RunExport } = await import('#actions/exports/run_export')
  const { default: DeleteExpiredExports } = await import('#actions/exports/delete_expired_exports')
  await jobs.define<{ exportId: string }>({
    name: EXPORT_QUEUE,
    queue: { retryLimit: 0, expireInSeconds: 12 * 3600 },
    worker: {
      options: { batchSize: 1 },
      handler: async ([job]) => {
        const row = await RunExport.handle(job.data.exportId)
        return { status: row?.status ?? null }
      },
    },
  })
  await jobs.define({
    name: EXPORT_CLEANUP_QUEUE,
    queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true },
    cron: env.get('EXPORT_CLEANUP_CRON', '23 * * * *'),
    worker: { options: { batchSize: 1 }, handler: () => DeleteExpiredExports.handle() },
  })
}

/**
 * pg-boss's connection settings: the same PostgreSQL as Lucid's default
 * connection (server or embedded), with a small pool of its own.
 */
export async function jobsConnection(app: ApplicationService) {
  const config = app.config.get<{ connection: string; connections: Record<string, PostgreConfig> }>(
    'database'
  )
  const connection = config.connections[config.connection].connection
  if (typeof connection === 'string') return { connectionString: connection }
  if (!connection || typeof connection === 'function') return {}
  const { host, port, user, password, database, connectionString } = connection as Record<
    string,
    any
  >
  return { host, port, user, password, database, connectionString, application_name: 'parley-jobs' }
}
