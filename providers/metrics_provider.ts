import type { Server } from 'node:http'
import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Prometheus metrics (docs/deploy.md, Metrics), in the web environment and
 * only when METRICS_PORT is set: once the node is up, points the gauges at
 * their sources (sockets, SSE streams, the database pool, Redis clients, job
 * queues), counts sends and group-commit batches, and serves `/metrics` on
 * its own port; the listener closes on shutdown.
 */
export default class MetricsProvider {
  #server?: Server

  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { default: env } = await import('#start/env')
    const port = env.get('METRICS_PORT')
    if (!port) return
    const { default: metrics } = await import('#services/metrics')
    const { startMetricsServer } = await import('#services/metrics_server')
    await this.#connectSources(metrics)
    metrics.enable()
    this.#server = await startMetricsServer(metrics.registry, {
      port,
      host: env.get('METRICS_HOST') ?? env.get('HOST'),
      token: env.get('METRICS_TOKEN') || undefined,
    })
  }

  async #connectSources(metrics: (typeof import('#services/metrics'))['default']) {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: gateway } = await import('#realtime/gateway')
    const { sseStreamCount } = await import('#realtime/sse')
    const { redisClientStates } = await import('#services/redis')
    const { default: jobs } = await import('#services/jobs')
    const { observeBatches } = await import('#domain/messages/message_store')
    const emitter = await this.app.container.make('emitter')

    emitter.on('message:created', () => metrics.messagesSent.inc())
    observeBatches((size) => metrics.batchSize.observe(size))
    metrics.setSource('sockets', () => [{ value: gateway.connectionCount }])
    metrics.setSource('sseStreams', () => [{ value: sseStreamCount() }])
    metrics.setSource('dbPool', () => {
      const pool = db.manager.get(db.primaryConnectionName)?.connection?.pool
      if (!pool) return []
      return [
        { labels: { state: 'used' }, value: pool.numUsed() },
        { labels: { state: 'free' }, value: pool.numFree() },
        { labels: { state: 'pending' }, value: pool.numPendingAcquires() },
      ]
    })
    metrics.setSource('redis', () => {
      const byName = new Map<string, number>()
      for (const { name, connected } of redisClientStates()) {
        byName.set(name, Math.min(byName.get(name) ?? 1, connected ? 1 : 0))
      }
      return [...byName].map(([client, value]) => ({ labels: { client }, value }))
    })
    metrics.setSource('jobs', async () => {
      const depths = await jobs.depths()
      return depths.map(({ queue, state, count }) => ({ labels: { queue, state }, value: count }))
    })
  }

  async shutdown() {
    const server = this.#server
    this.#server = undefined
    if (server) await new Promise((resolve) => server.close(resolve))
  }
}
