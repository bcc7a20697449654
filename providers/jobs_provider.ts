import type { ApplicationService } from '@adonisjs/core/types'
import type { PostgreConfig } from '@adonisjs/lucid/types/database'

/** The cleanup's queue; it recurs daily at 03:17 UTC. */
export const NOTIFICATION_CLEANUP_QUEUE = 'notifications.cleanup'

/**
 * Background jobs (STYLE.md 9): core's queues are defined in `boot()`, the
 * job service starts against the application's PostgreSQL in `ready()` of
 * the web process only (the console and tests start it themselves when they
 * need it) and stops in `shutdown()`, after the notifications of messages
 * already sent are written and queued, letting running jobs finish.
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
  }

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { default: jobs } = await import('#services/jobs')
    await jobs.start(await jobsConnection(this.app))
  }

  async shutdown() {
    const { notificationsSettled } = await import('#listeners/notification_listener')
    await notificationsSettled()
    const { default: jobs } = await import('#services/jobs')
    await jobs.stop()
  }
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
