import { monitorEventLoopDelay } from 'node:perf_hooks'

/** Event-loop delay since the previous liveness answer (the histogram restarts each time). */
const loopDelay = monitorEventLoopDelay({ resolution: 20 })
loopDelay.enable()

/**
 * `GET /health/live`: the process runs and its event loop turns (it answered
 * at all, within the probe's timeout), with the worst event-loop delay seen
 * since the previous probe for whoever watches. Nothing outside the process
 * is checked: a database or Redis outage makes nodes unready, never restarts
 * them.
 */
export async function liveness() {
  const started = performance.now()
  await new Promise((resolve) => setImmediate(resolve))
  const tickMs = performance.now() - started
  const maxDelayMs = Math.max(tickMs, loopDelay.max / 1e6)
  loopDelay.reset()
  return {
    status: 'ok' as const,
    uptime: Math.round(process.uptime()),
    eventLoopDelayMs: Math.round(maxDelayMs * 10) / 10,
  }
}
