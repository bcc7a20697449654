import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Parley's own process-level resources: closes the Redis clients opened by
 * the limiter and other features when the application terminates.
 */
export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  async shutdown() {
    const { closeRedisClients } = await import('#services/redis')
    await closeRedisClients()
  }
}
