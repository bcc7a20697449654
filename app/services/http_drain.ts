import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import { type DrainParticipant, settleBy } from '#services/node_drain'

/** Polls `done` until it holds or `until` passes; true when it held. */
async function waitFor(done: () => boolean, until: number): Promise<boolean> {
  while (!done()) {
    if (Date.now() >= until) return false
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return true
}

/**
 * The HTTP server's part of the drain (app/services/node_drain.ts):
 *
 * - from the start, responses say `Connection: close`, so keep-alive clients
 *   open their next connection elsewhere;
 * - requests already running finish (`settle`); long-lived ones (Socket.IO,
 *   SSE streams: `isStream`) are the realtime participant's;
 * - after `delayMs` (time for load balancers to see the failing readiness)
 *   the listening socket closes (`stop`) and idle connections are dropped;
 * - the drain ends when the last connection has closed, or at its deadline,
 *   when the remaining ones are cut (`close`).
 */
export function httpDrainParticipants(
  server: HttpServer | HttpsServer,
  options: { delayMs: number; isStream: (request: IncomingMessage) => boolean }
): DrainParticipant[] {
  const active = new Map<ServerResponse, boolean>()
  let startedAt = 0
  let closed: Promise<void> = Promise.resolve()
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    if (startedAt) response.shouldKeepAlive = false
    active.set(response, options.isStream(request))
    response.once('close', () => active.delete(response))
  })
  const busy = () => [...active.values()].some((stream) => !stream)

  return [
    {
      name: 'http: connection close on every response',
      phase: 'refuse',
      run() {
        startedAt = Date.now()
        for (const response of active.keys()) {
          if (!response.headersSent) response.shouldKeepAlive = false
        }
      },
    },
    {
      name: 'http: requests in flight',
      phase: 'settle',
      async run(until) {
        const settled = await waitFor(() => !busy(), until)
        await waitFor(() => Date.now() >= startedAt + options.delayMs, until)
        return settled
      },
    },
    {
      name: 'http: stop listening',
      phase: 'stop',
      run() {
        closed = new Promise((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
      },
    },
    {
      name: 'http: last connections',
      phase: 'close',
      async run(until) {
        const sweep = setInterval(() => server.closeIdleConnections(), 100)
        try {
          const done = await settleBy(closed, until)
          if (!done) server.closeAllConnections()
          return done
        } finally {
          clearInterval(sweep)
        }
      },
    },
  ]
}
