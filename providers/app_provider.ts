import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Parley's own process-level resources: a server node (web environment)
 * publishes its heartbeat once it is ready and removes it on shutdown;
 * the Redis clients opened by the limiter and other features close when
 * the application terminates.
 */
export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { nodeHeartbeat } = await import('#services/cluster_nodes')
    await nodeHeartbeat.start()
  }

  async shutdown() {
    const { nodeHeartbeat } = await import('#services/cluster_nodes')
    await nodeHeartbeat.stop()
    const { closeRedisClients } = await import('#services/redis')
    await closeRedisClients()
  }
}
