import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** One labelled value of a gauge read at scrape time. */
export interface Sample {
  labels?: Record<string, string>
  value: number
}

/** What a gauge reads when Prometheus scrapes (registered by the providers that own the source). */
export type Source = () => Sample[] | Promise<Sample[]>

type SourceName = 'sockets' | 'sseStreams' | 'dbPool' | 'redis' | 'jobs'

/**
 * The node's Prometheus metrics (docs/deploy.md, Metrics), served on their
 * own port by providers/metrics_provider.ts. Counters and histograms are
 * written by a middleware and listeners; gauges read their source at scrape
 * time, so nothing is computed between scrapes. Labels are bounded: routes
 * by pattern (`/chat/rooms/:roomId/messages`), event names, queue names and
 * Redis client names, never ids or raw URLs.
 */
export class Metrics {
  readonly registry = new Registry()
  #enabled = false
  #sources = new Map<SourceName, Source>()

  /** Request durations by method, route pattern and status. */
  readonly httpDuration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP request durations by route pattern (Socket.IO and unmatched URLs excluded or grouped)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  })

  /** Messages committed through this node; `rate()` of it is sends per second. */
  readonly messagesSent = new Counter({
    name: 'parley_messages_sent_total',
    help: 'Messages stored by sends on this node (rate() = sends/s)',
    registers: [this.registry],
  })

  /** Sends written per group-commit transaction. */
  readonly batchSize = new Histogram({
    name: 'parley_group_commit_batch_size',
    help: 'Plaintext sends written per group-commit transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  })

  /** Client events handed to a transport, one per target (a room, a user, an organization). */
  readonly fanoutDeliveries = new Counter({
    name: 'parley_fanout_deliveries_total',
    help: 'Client events handed to Socket.IO (through the adapter) or Transmit, per target',
    labelNames: ['transport', 'event'] as const,
    registers: [this.registry],
  })

  /** Job handler failures on this node (each is retried or dead-lettered by pg-boss). */
  readonly jobFailures = new Counter({
    name: 'parley_job_failures_total',
    help: 'Job batches whose handler failed on this node',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  })

  constructor() {
    collectDefaultMetrics({ register: this.registry })
    this.#gauge('parley_socket_connections', 'Socket.IO connections on this node', 'sockets')
    this.#gauge('parley_sse_streams', 'Transmit SSE streams on this node', 'sseStreams')
    this.#gauge(
      'parley_db_pool_connections',
      'Database pool connections by state (used, free, pending acquires)',
      'dbPool',
      ['state']
    )
    this.#gauge(
      'parley_redis_up',
      'Whether each Redis client of this node is connected (1) or not (0)',
      'redis',
      ['client']
    )
    this.#gauge(
      'parley_job_queue_jobs',
      'Jobs by queue and state (queued, active, failed and retained), shared by all nodes',
      'jobs',
      ['queue', 'state']
    )
  }

  /** Whether the metrics endpoint runs (METRICS_PORT); writers skip their work otherwise. */
  get enabled() {
    return this.#enabled
  }

  enable() {
    this.#enabled = true
  }

  /** Sets what a gauge reads at scrape time. */
  setSource(name: SourceName, source: Source) {
    this.#sources.set(name, source)
  }

  #gauge(name: string, help: string, source: SourceName, labelNames: string[] = []) {
    const sources = this.#sources
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset()
        const read = sources.get(source)
        const samples = read ? await Promise.resolve(read()).catch(() => []) : []
        for (const { labels, value } of samples) {
          if (labels) this.set(labels, value)
          else this.set(value)
        }
      },
    })
  }
}

/** The metrics of this process. */
const metrics = new Metrics()
export default metrics
